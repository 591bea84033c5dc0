import type { RequestContext, ReferenceResolvers } from '@zhongtai/subgraph-kit';
import type { MemberService } from '../service/member-service.js';
import { Member } from './member.type.js';
import { Store } from './store.type.js';

/** Entity references, batched per request through the service's DataLoaders. */
export function memberReferences(members: MemberService): ReferenceResolvers {
  return {
    Member: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        const doc = await members.visibleMember(ctx, ref.id);
        return doc && Member.from(doc);
      },
    },
    Store: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        const doc = await members.stores(ctx).load(ref.id);
        return doc && Store.from(doc);
      },
    },
  };
}
