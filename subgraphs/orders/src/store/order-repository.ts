import type { Connection } from 'mongoose';
import { isDuplicateKey, insertRaw } from '@zhongtai/subgraph-kit';
import type { BucketOrder } from '../domain/metrics.js';
import {
  ALL_STORES,
  type BucketDoc,
  type MemberOrdersDoc,
  type OrderDoc,
  type OrderModels,
  type RefundDoc,
  key,
  orderModels,
} from './models.js';

/** Orders, refunds and the projections built from them. Every call is confined to one tenant. */
export class OrderRepository {
  readonly m: OrderModels;
  constructor(db: Connection) {
    this.m = orderModels(db);
  }

  async init(): Promise<void> {
    await Promise.all(Object.values(this.m).map((model) => model.init()));
  }

  async byIds(tenant: string, ids: readonly string[]): Promise<OrderDoc[]> {
    return this.m.Order.find({ tenant, _id: { $in: ids } }).lean<OrderDoc[]>();
  }

  async byId(tenant: string, id: string): Promise<OrderDoc | null> {
    return this.m.Order.findOne({ tenant, _id: id }).lean<OrderDoc>();
  }

  /** Inserts a new order; false when an order with this id exists already. */
  async insert(doc: OrderDoc): Promise<boolean> {
    try {
      await insertRaw(this.m.Order, doc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async setStatus(tenant: string, id: string, from: string, to: string): Promise<boolean> {
    return (
      (await this.m.Order.updateOne({ tenant, _id: id, status: from }, { $set: { status: to } }))
        .matchedCount === 1
    );
  }

  async attachMember(tenant: string, id: string, memberId: string): Promise<void> {
    await this.m.Order.updateOne(
      { tenant, _id: id, buyerPending: true },
      { $set: { memberId, buyerPending: false } },
    );
  }

  async markProjected(id: string): Promise<void> {
    await this.m.Order.updateOne({ _id: id }, { $set: { projected: true } });
  }

  async markAnnounced(id: string): Promise<void> {
    await this.m.Order.updateOne({ _id: id }, { $set: { completedAnnounced: true } });
  }

  /** Claims the one-time "bought together" count for an order; true for exactly one caller. */
  async claimBundles(id: string): Promise<boolean> {
    return (
      (await this.m.Order.updateOne({ _id: id, bundled: { $exists: false } }, { $set: { bundled: true } }))
        .matchedCount === 1
    );
  }

  async pending(field: 'buyerPending' | 'projected', limit = 200): Promise<OrderDoc[]> {
    const filter = field === 'buyerPending' ? { buyerPending: true } : { projected: { $ne: true } };
    return this.m.Order.find(filter).limit(limit).lean<OrderDoc[]>();
  }

  // ------------------------------------------------------------------ refunds
  async refund(id: string): Promise<RefundDoc | null> {
    return this.m.Refund.findById(id).lean<RefundDoc>();
  }

  async insertRefund(doc: RefundDoc): Promise<boolean> {
    try {
      await insertRaw(this.m.Refund, doc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async deleteRefund(id: string): Promise<void> {
    await this.m.Refund.deleteOne({ _id: id });
  }

  async pendingRefunds(orderId: string): Promise<RefundDoc[]> {
    return this.m.Refund.find({ orderId, pending: true }).sort({ at: 1 }).lean<RefundDoc[]>();
  }

  async settleRefund(id: string): Promise<void> {
    await this.m.Refund.updateOne({ _id: id }, { $set: { pending: false } });
  }

  /** Applies a refund to its order once, never beyond the order total; returns the order after, or null. */
  async applyRefund(
    tenant: string,
    orderId: string,
    refundId: string,
    amount: number,
  ): Promise<OrderDoc | null> {
    const current = await this.byId(tenant, orderId);
    if (!current) return null;
    if (current.refundIds?.includes(refundId)) return current;
    return this.m.Order.findOneAndUpdate(
      { tenant, _id: orderId, refundIds: { $ne: refundId }, refundedTotal: { $lte: current.total - amount } },
      { $inc: { refundedTotal: amount }, $push: { refundIds: refundId } },
      { new: true },
    ).lean<OrderDoc>();
  }

  // ------------------------------------------------------------------ projections
  async memberOrders(tenant: string, memberIds: readonly string[]): Promise<MemberOrdersDoc[]> {
    return this.m.MemberOrders.find({ _id: { $in: memberIds.map((id) => key(tenant, id)) } }).lean<
      MemberOrdersDoc[]
    >();
  }

  async recordMemberOrder(o: OrderDoc): Promise<MemberOrdersDoc> {
    const doc = await this.m.MemberOrders.findOneAndUpdate(
      { _id: key(o.tenant, o.memberId!) },
      {
        $set: {
          [`orders.${o._id}`]: {
            placedAt: o.placedAt,
            total: o.total,
            refunded: o.refundedTotal ?? 0,
            status: o.status,
            currency: o.currency,
          },
        },
        $setOnInsert: { tenant: o.tenant, memberId: o.memberId },
      },
      { upsert: true, new: true },
    ).lean<MemberOrdersDoc>();
    return doc!;
  }

  /** Makes `orderId` the member's first order if `expected` is still the recorded first. */
  async setFirstOrder(
    tenant: string,
    memberId: string,
    expected: string | undefined,
    orderId: string,
    at: Date,
  ): Promise<boolean> {
    const filter = expected
      ? { _id: key(tenant, memberId), firstOrderId: expected }
      : { _id: key(tenant, memberId), firstOrderId: { $exists: false } };
    return (
      (await this.m.MemberOrders.updateOne(filter, { $set: { firstOrderId: orderId, firstOrderAt: at } }))
        .matchedCount === 1
    );
  }

  async putBucketOrder(
    tenant: string,
    storeIds: string[],
    day: string,
    orderId: string,
    entry: BucketOrder,
  ): Promise<void> {
    for (const storeId of storeIds) {
      await this.m.Bucket.updateOne(
        { _id: key(tenant, storeId, day) },
        { $set: { [`orders.${orderId}`]: entry }, $setOnInsert: { tenant, storeId, day, newMembers: [] } },
        { upsert: true },
      );
    }
  }

  async markRepeat(tenant: string, storeIds: string[], day: string, orderId: string): Promise<void> {
    for (const storeId of storeIds)
      await this.m.Bucket.updateOne(
        { _id: key(tenant, storeId, day), [`orders.${orderId}`]: { $exists: true } },
        { $set: { [`orders.${orderId}.repeat`]: true } },
      );
  }

  async addNewMember(tenant: string, storeId: string, day: string, memberId: string): Promise<void> {
    for (const s of [storeId, ALL_STORES]) {
      await this.m.Bucket.updateOne(
        { _id: key(tenant, s, day) },
        { $addToSet: { newMembers: memberId }, $setOnInsert: { tenant, storeId: s, day, orders: {} } },
        { upsert: true },
      );
    }
  }

  async buckets(tenant: string, storeId: string, days: string[]): Promise<BucketDoc[]> {
    return this.m.Bucket.find({ _id: { $in: days.map((d) => key(tenant, storeId, d)) } }).lean<BucketDoc[]>();
  }

  async countPair(tenant: string, a: string, b: string): Promise<void> {
    await this.m.Pair.updateOne(
      { _id: key(tenant, a, b) },
      { $inc: { count: 1 }, $setOnInsert: { tenant, a, b } },
      { upsert: true },
    );
  }

  async pairsOf(
    tenant: string,
    skus: readonly string[],
  ): Promise<Array<{ a: string; b: string; count: number }>> {
    return this.m.Pair.find({ tenant, $or: [{ a: { $in: skus } }, { b: { $in: skus } }] })
      .sort({ count: -1 })
      .limit(50 * skus.length)
      .lean();
  }

  // ------------------------------------------------------------------ followed from other subgraphs
  async upsertStore(tenant: string, storeId: string, region: string): Promise<void> {
    await this.m.Store.updateOne(
      { _id: key(tenant, storeId) },
      { $set: { tenant, storeId, region } },
      { upsert: true },
    );
  }

  async regionOf(tenant: string, storeId: string): Promise<string | undefined> {
    return (await this.m.Store.findById(key(tenant, storeId)).lean())?.region;
  }

  async storesOfRegion(tenant: string, region: string): Promise<string[]> {
    return (await this.m.Store.find({ tenant, region }).lean()).map((s) => s.storeId);
  }

  /** Records on the survivor's summary that `mergedId`'s orders are its own until the merge is undone. */
  async link(tenant: string, survivorId: string, mergedId: string, mergeId: string): Promise<void> {
    await this.m.MemberOrders.updateOne(
      { _id: key(tenant, survivorId) },
      {
        $set: { [`absorbed.${mergedId}`]: mergeId },
        $setOnInsert: { tenant, memberId: survivorId, orders: {} },
      },
      { upsert: true },
    );
  }

  async unlink(tenant: string, survivorId: string, mergedId: string, mergeId: string): Promise<void> {
    await this.m.MemberOrders.updateOne(
      { _id: key(tenant, survivorId), [`absorbed.${mergedId}`]: mergeId },
      { $unset: { [`absorbed.${mergedId}`]: '' } },
    );
  }
}
