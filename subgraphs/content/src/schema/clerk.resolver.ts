import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, build } from '@zhongtai/subgraph-kit';
import type { ClerkService, ClerkStats as Stats } from '../service/clerk-service.js';
import { Member } from './types.js';

@ObjectType('ClerkStats', {
  description: "A clerk's (导购) counts at a store (R-ID-4), answered from counters.",
})
export class ClerkStats {
  @Field(() => ID) storeId!: string;
  @Field(() => ID) clerkId!: string;
  @Field(() => Int, { description: 'members created through its QR code' }) joins!: number;
  @Field(() => Int, { description: "its recruits' completed orders within the attribution window" })
  orders!: number;
  @Field(() => Int, { description: 'their total, minor units' }) salesAmount!: number;
  @Field(() => Int, { description: 'coupons it redeemed' }) couponsRedeemed!: number;

  static from(s: Stats): ClerkStats {
    return build(ClerkStats, {
      storeId: s.storeId,
      clerkId: s.clerkId,
      joins: s.joins,
      orders: s.orders,
      salesAmount: s.sales,
      couponsRedeemed: s.couponsRedeemed,
    });
  }
}

@Resolver(() => ClerkStats)
export class ClerkResolver {
  constructor(private readonly clerks: ClerkService) {}

  @Query(() => ClerkStats, {
    description: "A clerk's counts at its store: the clerk itself (its token's sub), its store manager, HQ.",
  })
  async clerkStats(
    @Arg('storeId', () => ID) storeId: string,
    @Arg('clerkId', () => ID) clerkId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ClerkStats> {
    return ClerkStats.from(await this.clerks.stats(ctx, storeId, clerkId));
  }

  @FieldResolver(() => [Member], { description: 'The members it recruited, newest first.' })
  async recruits(
    @Root() s: ClerkStats,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Member[]> {
    return (await this.clerks.recruits(ctx, s.storeId, s.clerkId, first)).map((id) => build(Member, { id }));
  }
}
