import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { PointsService } from '../service/points-service.js';
import { Growth, Member, PointsAccount, Tier } from './types.js';

@Resolver(() => Member)
export class MemberPointsResolver {
  constructor(private readonly service: PointsService) {}

  @FieldResolver(() => PointsAccount)
  async points(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<PointsAccount> {
    const a = await this.service.account(ctx).load(m.id);
    return Object.assign(new PointsAccount(), {
      balance: a.balance,
      pending: a.pending,
      lifetimeEarned: a.lifetimeEarned,
      memberId: m.id,
    });
  }

  @FieldResolver(() => Growth)
  async growth(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Growth> {
    const g = this.service.growth(await this.service.account(ctx).load(m.id));
    const tier = (t: { code: string; name: string; rank: number }) =>
      Object.assign(new Tier(), { code: t.code, name: t.name, rank: t.rank });
    return Object.assign(new Growth(), {
      value: g.value,
      tier: tier(g.tier),
      nextTier: g.next && tier(g.next),
      pointsToNextTier: g.next ? g.next.threshold - g.value : null,
    });
  }
}
