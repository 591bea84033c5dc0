import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, registerEnumType } from 'type-graphql';
import { type Clock, type RequestContext, callerMemberId } from '@zhongtai/subgraph-kit';
import type { CouponService } from '../service/coupon-service.js';
import { Coupon } from './types.js';

const CouponStatusEnum = { ACTIVE: 'ACTIVE', REDEEMED: 'REDEEMED', EXPIRED: 'EXPIRED' } as const;
type CouponStatus = keyof typeof CouponStatusEnum;
registerEnumType(CouponStatusEnum, {
  name: 'CouponStatus',
  description: 'ACTIVE: may be redeemed; REDEEMED: at a store; EXPIRED: unredeemed past validUntil',
});

/** Claiming and redeeming coupons (R-CT-4); who may: policy.ts. */
@Resolver(() => Coupon)
export class CouponResolver {
  constructor(
    private readonly coupons: CouponService,
    private readonly clock: Clock,
  ) {}

  @FieldResolver(() => CouponStatusEnum, { description: 'what the coupon is good for now' })
  status(@Root() c: Coupon): CouponStatus {
    if (c.redeemedAt) return 'REDEEMED';
    return this.clock.now() > c.validUntil ? 'EXPIRED' : 'ACTIVE';
  }

  @Mutation(() => Coupon, {
    description:
      "The member claims a coupon of an offer for itself: at most one per member and offer (claiming again answers the same coupon), never beyond the offer's stock (CONFLICT when none is left).",
  })
  async claimCoupon(@Arg('offerId', () => ID) offerId: string, @Ctx() ctx: RequestContext): Promise<Coupon> {
    return Coupon.from(await this.coupons.claim(ctx, callerMemberId(ctx)!, offerId));
  }

  @Mutation(() => Coupon, {
    description:
      'Staff at a store: redeems a coupon by its code (case, spaces and dashes do not matter). Once: the same redemption again answers the same; redeemed at another store is a CONFLICT, expired BAD_USER_INPUT. `orderId`: the order it was used on (the POS adapter names it): a campaign coupon used on an order counts that purchase for the campaign.',
  })
  async redeemCoupon(
    @Arg('code', () => String) code: string,
    @Arg('storeId', () => ID) storeId: string,
    @Ctx() ctx: RequestContext,
    @Arg('orderId', () => ID, { nullable: true }) orderId?: string | null,
  ): Promise<Coupon> {
    return Coupon.from(await this.coupons.redeem(ctx, code, storeId, orderId?.trim() || null));
  }
}
