import { type ReferenceResolvers, reference, referenceResolvers } from '@zhongtai/subgraph-kit';
import type { MemberDirectory } from '../service/directory.js';
import { Member } from './member.type.js';
import { Store } from './store.type.js';

/**
 * Entity references, batched per request through the directory's DataLoaders; old ids resolve to
 * survivors. Who may see each one: `Member.__resolveReference` and `Store.__resolveReference` in
 * ../policy.ts.
 */
export function memberReferences(dir: MemberDirectory): ReferenceResolvers {
  return referenceResolvers({
    // any id, including one merged into another, resolves to the survivor
    Member: reference({ load: (ctx, id) => dir.root(ctx, id), map: Member.from }),
    Store: reference({ load: (ctx, id) => dir.stores(ctx).load(id), map: Store.from }),
  });
}
