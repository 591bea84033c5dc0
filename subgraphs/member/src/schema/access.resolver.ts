import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '@zhongtai/contracts';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { MemberScopes } from '../service/scopes.js';
import { AccessScopes } from './access.type.js';

const MAX_IDS = 500;

@Resolver()
export class AccessResolver {
  constructor(private readonly scopes: MemberScopes) {}

  @Query(() => AccessScopes, {
    description:
      "SYSTEM (the other subgraphs' authorizers): member scopes and store regions; unknown ids are left out.",
  })
  async accessScopes(
    @Arg('memberIds', () => [ID]) memberIds: string[],
    @Arg('storeIds', () => [ID]) storeIds: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<AccessScopes> {
    if (memberIds.length > MAX_IDS || storeIds.length > MAX_IDS)
      throw badInput(`at most ${MAX_IDS} ids of each kind`, { field: 'memberIds' });
    return AccessScopes.from(await this.scopes.lookup(ctx.tenant, memberIds, storeIds));
  }
}
