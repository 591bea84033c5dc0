import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { HeldStatus } from '../domain/records.js';
import type { GrantLimitsService } from '../service/grant-limits.js';
import type { HoldsService } from '../service/holds.js';
import type { OrderPointsService } from '../service/order-points.js';
import { GrantLimitsInput, GrantLimitsType, HeldOrderPoints, HeldOrderStatusEnum } from './limits.types.js';
import { PointsEntry } from './types.js';

@Resolver(() => GrantLimitsType)
export class GrantLimitsResolver {
  constructor(private readonly limits: GrantLimitsService) {}

  @Query(() => GrantLimitsType, { description: "Staff: the tenant's fraud limits on points." })
  async grantLimits(@Ctx() ctx: RequestContext): Promise<GrantLimitsType> {
    return GrantLimitsType.from(await this.limits.limits(ctx.tenant), this.limits.zoneOf(ctx.tenant));
  }

  @Mutation(() => GrantLimitsType, {
    description: "HQ: changes the settings given of the tenant's fraud limits.",
  })
  async setGrantLimits(
    @Arg('input', () => GrantLimitsInput) input: GrantLimitsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<GrantLimitsType> {
    return GrantLimitsType.from(
      await this.limits.set(ctx.tenant, { ...input }),
      this.limits.zoneOf(ctx.tenant),
    );
  }
}

@Resolver(() => HeldOrderPoints)
export class HeldOrderPointsResolver {
  constructor(
    private readonly holds: HoldsService,
    private readonly orders: OrderPointsService,
  ) {}

  @Query(() => [HeldOrderPoints], {
    description: 'HQ and SYSTEM: orders whose points wait for approval (oldest first).',
  })
  async heldOrderPoints(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => HeldOrderStatusEnum, { defaultValue: 'HELD' }) status: HeldStatus,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<HeldOrderPoints[]> {
    return (await this.holds.list(ctx, status, first)).map(HeldOrderPoints.from);
  }

  @Mutation(() => PointsEntry, {
    description:
      'HQ: grants a held order exactly the points it would have earned (pending until its return window ends). Approving again returns the same entry.',
  })
  async approveHeldOrderPoints(
    @Arg('orderId', () => ID) orderId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry> {
    return PointsEntry.from(await this.orders.approve(ctx, orderId));
  }

  @Mutation(() => HeldOrderPoints, { description: 'HQ: a held order grants nothing, with a reason.' })
  async rejectHeldOrderPoints(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<HeldOrderPoints> {
    return HeldOrderPoints.from(await this.holds.reject(ctx, orderId, reason));
  }
}
