import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '@zhongtai/contracts';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { MemberScopes } from '../service/scopes.js';
import { Store } from './store.type.js';

@ObjectType('MemberScope', {
  description: 'Who may see a member: the stores and regions it joined or bought at.',
})
export class MemberScopeType {
  @Field(() => ID) memberId!: string;
  @Field(() => ID, { description: 'The member this id resolves to now (itself unless merged).' })
  rootId!: string;
  @Field(() => [ID]) storeIds!: string[];
  @Field(() => [String]) regions!: string[];
}

@ObjectType('AccessScopes')
export class AccessScopes {
  @Field(() => [MemberScopeType]) members!: MemberScopeType[];
  @Field(() => [Store]) stores!: Store[];
}

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
    const { members, stores } = await this.scopes.lookup(ctx.tenant, memberIds, storeIds);
    return Object.assign(new AccessScopes(), {
      members: members.map((m) => Object.assign(new MemberScopeType(), m)),
      stores: stores.map((s) =>
        Object.assign(new Store(), { id: s.storeId, region: s.region, name: s.name }),
      ),
    });
  }
}
