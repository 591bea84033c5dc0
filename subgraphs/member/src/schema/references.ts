import type { RequestContext, ReferenceResolvers } from '@zhongtai/subgraph-kit';
import type { MemberDirectory } from '../service/directory.js';
import { Member } from './member.type.js';
import { Store } from './store.type.js';

/** Entity references, batched per request through the directory's DataLoaders; old ids resolve to survivors. */
export function memberReferences(dir: MemberDirectory): ReferenceResolvers {
  return {
    Member: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        // who may see it: `Member.__resolveReference` in ../policy.ts
        const doc = await dir.root(ctx, ref.id);
        return doc && Member.from(doc);
      },
    },
    Store: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        const doc = await dir.stores(ctx).load(ref.id);
        return doc && Store.from(doc);
      },
    },
  };
}
