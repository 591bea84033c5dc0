import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  type Cache,
  type Outbox,
  ReadThrough,
  bulkWriteOnce,
  isDuplicateKey,
  mergeUpdate,
  insertManyOnce,
  insertOnce,
} from '@zhongtai/subgraph-kit';
import { COMPLETED_STATUSES } from '../domain/order-status.js';
import { type BucketOrder, deltaOf, sameEntry } from '../domain/store-days.js';
import {
  ALL_STORES,
  type AppliedOrder,
  type MemberOrdersDoc,
  type OrderDoc,
  type RefundDoc,
  key,
} from '../domain/records.js';
import { type OrderModels, orderModels } from './models.js';

/**
 * Orders, refunds and the projections built from them. Every call is confined to one tenant. What
 * the API reads most — orders by id and a member's order summary (a store terminal's last orders and
 * stats) — is served through read-through caches (in process, or Redis when set) that every write
 * here forgets or replaces, so a read costs no database command once warm.
 */
export class OrderRepository {
  private readonly m: OrderModels;
  private readonly docs: ReadThrough<OrderDoc>;
  private readonly summaries: ReadThrough<MemberOrdersDoc>;
  constructor(db: Connection, cache: Cache) {
    this.m = orderModels(db);
    this.docs = new ReadThrough<OrderDoc>({
      cache,
      prefix: 'orders:doc:',
      ttlSeconds: 300,
      dates: ['placedAt', 'createdAt'],
    });
    this.summaries = new ReadThrough<MemberOrdersDoc>({
      cache,
      prefix: 'orders:summary:',
      ttlSeconds: 300,
      dates: ['firstOrderAt'],
    });
  }

  async init(): Promise<void> {
    await Promise.all(Object.values(this.m).map((model) => model.init()));
  }

  /** Orders as the API reads them (cached; the writers below keep the cache right). */
  async byIds(tenant: string, ids: readonly string[]): Promise<OrderDoc[]> {
    return this.docs.loadOfTenant(tenant, ids, async (missing) =>
      (await this.m.Order.find({ tenant, _id: { $in: missing } }).lean<OrderDoc[]>()).map((d) => ({
        id: d._id,
        value: withoutEvents(d),
      })),
    );
  }

  private forgetOrder(tenant: string, id: string): Promise<void> {
    return this.docs.forget(key(tenant, id));
  }

  async byId(tenant: string, id: string): Promise<OrderDoc | null> {
    return this.m.Order.findOne({ tenant, _id: id }).lean<OrderDoc>();
  }

  /** Inserts a new order (kept in the read cache as written); false when an order with this id exists already. */
  async insert(doc: OrderDoc): Promise<boolean> {
    if (!(await insertOnce(this.m.Order, doc))) return false;
    await this.docs.put(key(doc.tenant, doc._id), doc);
    return true;
  }

  /** Whether the read cache knows the order (written or read lately): no database command. */
  async known(tenant: string, id: string): Promise<boolean> {
    return (await this.docs.loadOfTenant(tenant, [id], async () => [])).length > 0;
  }

  async setStatus(tenant: string, id: string, from: string, to: string): Promise<boolean> {
    const r = await this.m.Order.updateOne({ tenant, _id: id, status: from }, { $set: { status: to } });
    await this.forgetOrder(tenant, id);
    return r.matchedCount === 1;
  }

  async attachMember(tenant: string, id: string, memberId: string): Promise<void> {
    await this.m.Order.updateOne(
      { tenant, _id: id, buyerPending: true },
      { $set: { memberId, buyerPending: false } },
    );
    await this.forgetOrder(tenant, id);
  }

  /**
   * Marks an order projected, in one update: with `announce`'s events written on it (and its completion
   * marked announced), and — when `bundle` — its one-time "bought together" count claimed. True for the
   * one caller that claimed the count.
   */
  async markProjected(
    id: string,
    opts: { bundle: boolean; announce: EventEnvelope[]; at: Date },
  ): Promise<boolean> {
    const update: Record<string, Record<string, unknown>> = {
      $set: {
        projected: true,
        ...(opts.bundle ? { bundled: true } : {}),
        ...(opts.announce.length ? { completedAnnounced: true } : {}),
      },
    };
    const before = await this.m.Order.collection.findOneAndUpdate(
      { _id: id as never },
      opts.announce.length ? mergeUpdate(update, opts.announce, opts.at) : update,
      { returnDocument: 'before', projection: { bundled: 1 } },
    );
    return opts.bundle && !!before && before.bundled === undefined;
  }

  async pending(field: 'buyerPending' | 'projected', limit = 200, createdBefore?: Date): Promise<OrderDoc[]> {
    // equality on an indexed field: the periodic resume job never scans the orders
    const filter: Record<string, unknown> =
      field === 'buyerPending' ? { buyerPending: true } : { projected: false };
    if (createdBefore) filter.createdAt = { $lte: createdBefore };
    // the oldest first: young ones (an import batch still projecting) never crowd them out
    return this.m.Order.find(filter).sort({ createdAt: 1 }).limit(limit).lean<OrderDoc[]>();
  }

  // ------------------------------------------------------------------ refunds
  async refund(id: string): Promise<RefundDoc | null> {
    return this.m.Refund.findById(id).lean<RefundDoc>();
  }

  insertRefund(doc: RefundDoc): Promise<boolean> {
    return insertOnce(this.m.Refund, doc);
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

  /**
   * Applies a refund to its order once, never beyond the order total; returns the order after, or
   * null. In the same write the order is marked for re-projection and, when `announce` gives them,
   * the refund's events are stored on it (the outbox takes them from there), so a crash right after
   * leaves nothing undone for the resume job and the relay.
   */
  async applyRefund(
    tenant: string,
    orderId: string,
    refundId: string,
    amount: number,
    announce?: (before: OrderDoc) => EventEnvelope[],
    now = new Date(),
  ): Promise<OrderDoc | null> {
    const current = await this.byId(tenant, orderId);
    if (!current) return null;
    if (current.refundIds?.includes(refundId)) return current;
    const events = announce?.(current) ?? [];
    const update = {
      $inc: { refundedTotal: amount },
      $push: { refundIds: refundId },
      $set: { projected: false },
    };
    const after = await this.m.Order.findOneAndUpdate(
      { tenant, _id: orderId, refundIds: { $ne: refundId }, refundedTotal: { $lte: current.total - amount } },
      events.length ? mergeUpdate(update, events, now) : update,
      { new: true, strict: false },
    ).lean<OrderDoc>();
    await this.forgetOrder(tenant, orderId);
    return after;
  }

  /** Hands events stored on an order to the outbox and clears them. */
  async emitOrderEvents(outbox: Outbox, orderId: string, events: EventEnvelope[]): Promise<void> {
    await outbox.emitFrom(this.m.Order, orderId, events);
  }

  /** The relay sweeps orders for events a crash left on them. */
  async watchEvents(outbox: Outbox): Promise<void> {
    await outbox.watch(this.m.Order);
  }

  /** Completed orders whose completion was never announced (their writer died before it). */
  async unannounced(limit = 200, createdBefore?: Date): Promise<OrderDoc[]> {
    return this.m.Order.find({
      completedAnnounced: false,
      status: { $in: [...COMPLETED_STATUSES] },
      ...(createdBefore ? { createdAt: { $lte: createdBefore } } : {}),
    })
      .limit(limit)
      .lean<OrderDoc[]>();
  }

  // ------------------------------------------------------------------ projections
  /** Members' order summaries (cached; every write below replaces or forgets the cached copy). */
  async memberOrders(tenant: string, memberIds: readonly string[]): Promise<MemberOrdersDoc[]> {
    return this.summaries.loadOfTenant(tenant, memberIds, async (missing) =>
      (
        await this.m.MemberOrders.find({ _id: { $in: missing.map((id) => key(tenant, id)) } }).lean<
          MemberOrdersDoc[]
        >()
      ).map((d) => ({ id: d.memberId, value: d })),
    );
  }

  async recordMemberOrder(o: OrderDoc): Promise<MemberOrdersDoc> {
    const doc = await this.m.MemberOrders.findOneAndUpdate(
      { _id: key(o.tenant, o.memberId!) },
      {
        $set: {
          [`orders.${o._id}`]: summaryEntryOf(o),
        },
        $setOnInsert: { tenant: o.tenant, memberId: o.memberId },
      },
      { upsert: true, new: true },
    ).lean<MemberOrdersDoc>();
    await this.summaries.put(doc!._id, doc!);
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
    const r = await this.m.MemberOrders.updateOne(filter, {
      $set: { firstOrderId: orderId, firstOrderAt: at },
    });
    await this.summaries.forget(key(tenant, memberId));
    return r.matchedCount === 1;
  }

  /**
   * Sets an order's contribution to its buckets (`storeIds` on `day`): `change(prev)` gives the new
   * contribution from the recorded one (null: leave it as it is). The totals move by the difference
   * in the same update that records the new contribution, guarded by the recorded version
   * (compare-and-set), so repeated, concurrent or crashed-and-resumed calls count every change once.
   */
  async applyToBuckets(
    tenant: string,
    storeIds: string[],
    day: string,
    orderId: string,
    change: (prev: BucketOrder | undefined) => BucketOrder | null,
  ): Promise<void> {
    // the usual case in one write: the order is new to every bucket (no read); else, or when a bucket
    // had it already, bucket by bucket (those done here are found done)
    const first = change(undefined);
    if (
      first &&
      storeIds.length > 1 &&
      (await this.addToBuckets(
        tenant,
        storeIds.map((storeId) => ({ storeId, day, orderId, entry: first })),
      ))
    )
      return;
    for (const storeId of storeIds)
      await this.applyToBucket(key(tenant, storeId, day), { tenant, storeId, day }, orderId, change);
  }

  private async applyToBucket(
    id: string,
    base: { tenant: string; storeId: string; day: string },
    orderId: string,
    change: (prev: BucketOrder | undefined) => BucketOrder | null,
  ): Promise<void> {
    const path = `applied.${orderId}`;
    // first guess: the order is new to this bucket (the usual case), which needs no read
    let prev: AppliedOrder | undefined;
    let known = false;
    for (let attempt = 0; attempt < 50; attempt++) {
      const next = change(prev);
      if (!next || sameEntry(prev, next)) {
        if (known) return;
        prev = await this.appliedOf(id, orderId);
        known = true;
        continue;
      }
      const inc = incOf(deltaOf(prev, next));
      try {
        const r = await this.m.Bucket.collection.updateOne(
          { _id: id as never, [`${path}.v`]: prev ? prev.v : { $exists: false } },
          {
            $inc: { ...inc, v: 1 },
            $set: { [path]: { ...next, v: (prev?.v ?? 0) + 1 }, ...changed() },
            $setOnInsert: base,
          },
          { upsert: !prev },
        );
        if (r.matchedCount === 1 || r.upsertedCount === 1) return;
      } catch (error) {
        // two first contributions raced to create the bucket: read and compare again
        if (!isDuplicateKey(error)) throw error;
      }
      prev = await this.appliedOf(id, orderId);
      known = true;
    }
    throw new Error(`bucket ${id}: order ${orderId} kept losing the compare-and-set`);
  }

  private async appliedOf(id: string, orderId: string): Promise<AppliedOrder | undefined> {
    const doc = await this.m.Bucket.collection.findOne(
      { _id: id as never },
      { projection: { [`applied.${orderId}`]: 1 } },
    );
    return (doc as { applied?: Record<string, AppliedOrder> } | null)?.applied?.[orderId];
  }

  /**
   * New members on their stores' and the tenant's business days (one write for all; one document each,
   * never an array on the day's bucket: a members file imported in one day makes hundreds of thousands).
   * Keyed by member, so a redelivery adds nothing.
   */
  async addNewMembers(
    tenant: string,
    members: Array<{ storeId: string; day: string; memberId: string }>,
  ): Promise<void> {
    const docs = members.flatMap((m) =>
      [m.storeId, ALL_STORES].map((storeId) => ({
        _id: key(tenant, storeId, m.day, m.memberId),
        tenant,
        storeId,
        day: m.day,
        memberId: m.memberId,
      })),
    );
    // only those not recorded yet: a redelivered event changes nothing, not even its days' metrics
    const known = new Set(
      (
        await this.m.NewMember.collection
          .find({ _id: { $in: docs.map((d) => d._id) as never[] } }, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => String(d._id)),
    );
    const fresh = docs.filter((d) => !known.has(d._id));
    if (!fresh.length) return;
    // their days' metrics are behind: marked before the insert (a crash after it only redoes a day) and
    // again after it (a settle that counted the day's members in between does not mark it caught up)
    const days = new Map(
      fresh.map((d) => [key(tenant, d.storeId, d.day), { storeId: d.storeId, day: d.day }]),
    );
    const marks = [...days].map(([id, d]) => ({
      updateOne: {
        filter: { _id: id },
        update: { $set: changed(), $inc: { v: 1 }, $setOnInsert: { tenant, ...d } },
        upsert: true,
      },
    }));
    // a bucket created by another writer in between refused its upsert: the second round updates it
    if (!(await bulkWriteOnce(this.m.Bucket.collection, marks)))
      await this.m.Bucket.collection.bulkWrite(marks as never, { ordered: false });
    await insertManyOnce(this.m.NewMember, fresh);
    await this.m.Bucket.collection.bulkWrite(marks as never, { ordered: false });
  }

  // ------------------------------------------------------------------ batches (history imports)
  /** Which of these order ids exist (one read). */
  async existingIds(tenant: string, ids: readonly string[]): Promise<Set<string>> {
    const docs = await this.m.Order.collection
      .find({ tenant, _id: { $in: ids as never[] } }, { projection: { _id: 1 } })
      .toArray();
    return new Set(docs.map((d) => String(d._id)));
  }

  /** Orders among these with refunds that arrived before them (one read). */
  async withPendingRefunds(ids: readonly string[]): Promise<Set<string>> {
    const docs = await this.m.Refund.find({ orderId: { $in: ids }, pending: true }, { orderId: 1 }).lean<
      RefundDoc[]
    >();
    return new Set(docs.map((d) => d.orderId));
  }

  /** New orders in one write: the ids it inserted (one that exists already is skipped). */
  async insertMany(docs: OrderDoc[]): Promise<Set<string>> {
    return new Set(await insertManyOnce(this.m.Order, docs));
  }

  /** The batch's orders on their members' summaries (one write), and each member's first order as recorded now. */
  async recordMemberOrders(
    orders: OrderDoc[],
  ): Promise<Map<string, Pick<MemberOrdersDoc, 'memberId' | 'firstOrderId' | 'firstOrderAt'>>> {
    const withMember = orders.filter((o) => o.memberId);
    if (!withMember.length) return new Map();
    const tenant = withMember[0].tenant;
    await this.m.MemberOrders.collection.bulkWrite(
      withMember.map((o) => ({
        updateOne: {
          filter: { _id: key(tenant, o.memberId!) as never },
          update: {
            $set: {
              [`orders.${o._id}`]: summaryEntryOf(o),
            },
            $setOnInsert: { tenant, memberId: o.memberId },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    const ids = [...new Set(withMember.map((o) => key(tenant, o.memberId!)))];
    for (const id of ids) await this.summaries.forget(id);
    // only what the plan needs: a summary holds every order of its member (a regular's hundreds), and a
    // batch's members together would be a reply of tens of megabytes
    const docs = await this.m.MemberOrders.find(
      { _id: { $in: ids } },
      { memberId: 1, firstOrderId: 1, firstOrderAt: 1 },
    ).lean<MemberOrdersDoc[]>();
    return new Map(docs.map((d) => [d.memberId, d]));
  }

  /** Members' first orders moved in one write, each only from the one expected: the members for which it did. */
  async setFirstOrders(
    tenant: string,
    changes: Array<{ memberId: string; expected?: string; id: string; at: Date }>,
  ): Promise<Set<string>> {
    if (!changes.length) return new Set();
    await this.m.MemberOrders.collection.bulkWrite(
      changes.map((c) => ({
        updateOne: {
          filter: {
            _id: key(tenant, c.memberId) as never,
            firstOrderId: c.expected ?? { $exists: false },
          },
          update: { $set: { firstOrderId: c.id, firstOrderAt: c.at } },
        },
      })),
      { ordered: false },
    );
    for (const c of changes) await this.summaries.forget(key(tenant, c.memberId));
    const now = await this.m.MemberOrders.find(
      { _id: { $in: changes.map((c) => key(tenant, c.memberId)) } },
      { memberId: 1, firstOrderId: 1 },
    ).lean<MemberOrdersDoc[]>();
    const set = new Map(now.map((d) => [d.memberId, d.firstOrderId]));
    return new Set(changes.filter((c) => set.get(c.memberId) === c.id).map((c) => c.memberId));
  }

  /**
   * New orders' contributions, one update per bucket for all of a batch's orders in it (one write
   * for all buckets), each guarded by the orders not being on it yet; false when any bucket had one
   * already (the caller then applies them one by one: those done here are found done).
   */
  async addToBuckets(
    tenant: string,
    rows: Array<{ storeId: string; day: string; orderId: string; entry: BucketOrder }>,
  ): Promise<boolean> {
    const byBucket = new Map<string, { storeId: string; day: string; items: typeof rows }>();
    for (const r of rows) {
      const id = key(tenant, r.storeId, r.day);
      const b = byBucket.get(id) ?? { storeId: r.storeId, day: r.day, items: [] };
      b.items.push(r);
      byBucket.set(id, b);
    }
    const ops = [...byBucket].map(([id, b]) => {
      const inc: Record<string, number> = {};
      const set: Record<string, unknown> = {};
      const filter: Record<string, unknown> = { _id: id };
      for (const r of b.items) {
        for (const [k, n] of Object.entries(incOf(deltaOf(undefined, r.entry)))) inc[k] = (inc[k] ?? 0) + n;
        set[`applied.${r.orderId}`] = { ...r.entry, v: 1 };
        filter[`applied.${r.orderId}.v`] = { $exists: false };
      }
      return {
        updateOne: {
          filter: filter as never,
          update: {
            $inc: { ...inc, v: 1 },
            $set: { ...set, ...changed() },
            $setOnInsert: { tenant, storeId: b.storeId, day: b.day },
          },
          upsert: true,
        },
      };
    });
    if (!ops.length) return true;
    const r = await bulkWriteOnce(this.m.Bucket.collection, ops);
    return !!r && r.matchedCount + r.upsertedCount === ops.length;
  }

  /**
   * Orders that were first orders, now repeat purchases (an earlier order of their member came in a
   * batch): each bucket's entry marked and its repeat count moved in one write for all, each guarded
   * by the entry not being a repeat yet (so a repeated call moves nothing; a cancelled order's entry
   * changes without the totals) and moving the entry's version (a concurrent compare-and-set rereads).
   */
  async markRepeats(
    tenant: string,
    rows: Array<{ storeIds: string[]; day: string; orderId: string }>,
  ): Promise<void> {
    const ops = rows.flatMap((r) =>
      r.storeIds.flatMap((storeId) => {
        const p = `applied.${r.orderId}`;
        const _id = key(tenant, storeId, r.day) as never;
        return [
          {
            updateOne: {
              filter: { _id, [`${p}.repeat`]: false, [`${p}.cancelled`]: { $ne: true } },
              update: {
                $set: { [`${p}.repeat`]: true, ...changed() },
                $inc: { repeatCount: 1, [`${p}.v`]: 1, v: 1 },
              },
            },
          },
          {
            updateOne: {
              filter: { _id, [`${p}.repeat`]: false, [`${p}.cancelled`]: true },
              update: { $set: { [`${p}.repeat`]: true }, $inc: { [`${p}.v`]: 1 } },
            },
          },
        ];
      }),
    );
    if (ops.length) await this.m.Bucket.collection.bulkWrite(ops, { ordered: true });
  }

  /** Batch orders marked projected, announced (their events recorded in the outbox) and bundled. */
  async markProjectedMany(ids: readonly string[]): Promise<void> {
    await this.m.Order.collection.updateMany(
      { _id: { $in: ids as never[] } },
      { $set: { projected: true, completedAnnounced: true, bundled: true } },
    );
  }

  /** Counts each pair once more (one write for all of an order's pairs). */
  async countPairs(tenant: string, pairs: Array<[string, string]>): Promise<void> {
    if (!pairs.length) return;
    await this.m.Pair.collection.bulkWrite(
      pairs.map(([a, b]) => ({
        updateOne: {
          filter: { _id: key(tenant, a, b) as never },
          update: { $inc: { count: 1 }, $setOnInsert: { tenant, a, b } },
          upsert: true,
        },
      })),
      { ordered: false },
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
    await this.summaries.forget(key(tenant, survivorId));
  }

  async unlink(tenant: string, survivorId: string, mergedId: string, mergeId: string): Promise<void> {
    await this.m.MemberOrders.updateOne(
      { _id: key(tenant, survivorId), [`absorbed.${mergedId}`]: mergeId },
      { $unset: { [`absorbed.${mergedId}`]: '' } },
    );
    await this.summaries.forget(key(tenant, survivorId));
  }
}

/** An order as its member's summary keeps it. */
function summaryEntryOf(o: OrderDoc) {
  return {
    placedAt: o.placedAt,
    total: o.total,
    refunded: o.refundedTotal ?? 0,
    status: o.status,
    currency: o.currency,
  };
}

/** What every bucket write sets besides its totals: the metrics tree is behind the bucket (metric-tree-repository.ts). */
const changed = () => ({ dirty: true, changedAt: new Date() });

/** A bucket's `$inc` for a change of one order's contribution. */
function incOf(delta: ReturnType<typeof deltaOf>): Record<string, number> {
  const inc: Record<string, number> = {
    orderCount: delta.orderCount,
    revenue: delta.revenue,
    repeatCount: delta.repeatCount,
  };
  for (const [m, n] of Object.entries(delta.customers)) inc[`customers.${m}`] = n;
  return inc;
}

/** An order as readers see it: the events a writer left on it are the outbox's business, not cached. */
function withoutEvents(d: OrderDoc): OrderDoc {
  const { events: _events, ...rest } = d as OrderDoc & { events?: unknown };
  return rest as OrderDoc;
}
