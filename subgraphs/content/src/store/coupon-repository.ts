import type { Connection } from 'mongoose';
import { insertOnce, moveBackForUnmerge, moveForMerge } from '@zhongtai/subgraph-kit';
import { type ContentItemDoc, type CouponDoc, scopedKey } from '../domain/records.js';
import { contentModels } from './models.js';

/**
 * Coupons and the stock counters of their offers. An offer's `remaining` is taken by one conditional
 * update (never below 0: no over-issue under any concurrency); a coupon is one document per member
 * and offer (its `_id`), with a unique code.
 */
export class CouponRepository {
  private readonly m: ReturnType<typeof contentModels>;
  constructor(db: Connection) {
    this.m = contentModels(db);
  }

  get(tenant: string, id: string): Promise<CouponDoc | null> {
    return this.byKey(scopedKey(tenant, id));
  }

  byKey(key: string): Promise<CouponDoc | null> {
    return this.m.Coupon.findById(key).lean<CouponDoc>();
  }

  byCode(tenant: string, codeKey: string): Promise<CouponDoc | null> {
    return this.m.Coupon.findOne({ tenant, codeKey }).lean<CouponDoc>();
  }

  async couponsOf(tenant: string, memberIds: readonly string[]): Promise<CouponDoc[]> {
    return this.m.Coupon.find({ tenant, memberId: { $in: memberIds } })
      .sort({ claimedAt: -1 })
      .lean<CouponDoc[]>();
  }

  /**
   * Takes one coupon from the offer's stock: the offer after it, or null when none is left; an offer
   * without a limit always gives. `limited`: whether the offer had a limit when the caller read it,
   * so the matching update comes first (one command unless HQ changed the stock in between).
   */
  async take(tenant: string, offerId: string, now: Date, limited: boolean): Promise<ContentItemDoc | null> {
    const _id = scopedKey(tenant, offerId);
    const $set = { lastClaimAt: now, unchecked: true };
    const fromStock = () =>
      this.m.Item.findOneAndUpdate(
        { _id, remaining: { $gt: 0 } },
        { $inc: { remaining: -1, issued: 1 }, $set },
        { new: true },
      ).lean<ContentItemDoc>();
    const unlimited = () =>
      this.m.Item.findOneAndUpdate(
        { _id, remaining: null },
        { $inc: { issued: 1 }, $set },
        { new: true },
      ).lean<ContentItemDoc>();
    const [first, second] = limited ? [fromStock, unlimited] : [unlimited, fromStock];
    return (await first()) ?? (await second());
  }

  /** Gives back a coupon `take` counted but no member got (a racing claim by the same member won). */
  async giveBack(tenant: string, offerId: string, limited: boolean): Promise<void> {
    const _id = scopedKey(tenant, offerId);
    const toStock = () =>
      this.m.Item.updateOne({ _id, remaining: { $ne: null } }, { $inc: { remaining: 1, issued: -1 } });
    const unlimited = () => this.m.Item.updateOne({ _id, remaining: null }, { $inc: { issued: -1 } });
    const [first, second] = limited ? [toStock, unlimited] : [unlimited, toStock];
    if ((await first()).matchedCount === 0) await second();
  }

  /** A new coupon; false when its id or its code exists already. */
  insert(c: CouponDoc): Promise<boolean> {
    return insertOnce(this.m.Coupon, c);
  }

  /** Marks the coupon redeemed at the store, only while unredeemed and valid; the coupon after, or null. */
  redeem(id: string, storeId: string, orderId: string | null, now: Date): Promise<CouponDoc | null> {
    return this.m.Coupon.findOneAndUpdate(
      { _id: id, redeemedAt: null, validUntil: { $gte: now } },
      { $set: { redeemedAt: now, redeemedStoreId: storeId, redeemedOrderId: orderId } },
      { new: true },
    ).lean<CouponDoc>();
  }

  /**
   * Offers whose `issued` may count a coupon never written (a claim that died between taking stock
   * and writing its coupon): claimed before `quietSince` and not checked since their last claim.
   */
  async offersToCheck(quietSince: Date, limit = 100): Promise<ContentItemDoc[]> {
    return this.m.Item.find({ unchecked: true, lastClaimAt: { $lte: quietSince } })
      .limit(limit)
      .lean<ContentItemDoc[]>();
  }

  countOf(tenant: string, offerId: string): Promise<number> {
    return this.m.Coupon.countDocuments({ tenant, offerId });
  }

  /**
   * Sets the offer's counters to the coupons that exist (a died claim's stock back), only if no claim
   * came in since it was read (`lastClaimAt`, `issued` unchanged).
   */
  async reconcile(offer: ContentItemDoc, coupons: number): Promise<void> {
    const leaked = (offer.issued ?? 0) - coupons;
    await this.m.Item.updateOne(
      { _id: offer._id, lastClaimAt: offer.lastClaimAt, issued: offer.issued ?? 0 },
      {
        $set: { unchecked: false },
        ...(leaked > 0
          ? { $inc: { issued: -leaked, ...(offer.remaining != null ? { remaining: leaked } : {}) } }
          : {}),
      },
    );
  }

  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return moveForMerge(this.m.Coupon as never, tenant, m);
  }

  followUnmerge(tenant: string, mergeId: string): Promise<void> {
    return moveBackForUnmerge(this.m.Coupon as never, tenant, mergeId);
  }
}
