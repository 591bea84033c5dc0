import { Schema, type Connection, type Model } from 'mongoose';
import { type HeldOrderDoc, type HeldStatus, key } from '../domain/records.js';
import { type Cache, ReadThrough, modelOn } from '@zhongtai/subgraph-kit';

const mixed = { type: Schema.Types.Mixed };
const held = new Schema<HeldOrderDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    orderId: String,
    memberId: String,
    status: String,
    reason: String,
    detail: String,
    order: mixed,
    outcome: mixed,
    heldAt: Date,
    decidedAt: Date,
    decidedBy: mixed,
    rejectReason: String,
    entryId: String,
  },
  { versionKey: false, minimize: false },
);
held.index({ tenant: 1, status: 1, heldAt: 1 });

const revive = (d: HeldOrderDoc | null): HeldOrderDoc | null =>
  d && { ...d, order: { ...d.order, placedAt: new Date(d.order.placedAt) } };

/**
 * Orders held for approval. Each decision is one conditional update on the record's status
 * (HELD → APPROVED or HELD → REJECTED), so an order is never both approved and rejected.
 */
export class HeldOrders {
  private readonly model: Model<HeldOrderDoc>;
  /**
   * whether an order is held (asked of every order that arrives; almost none is): absent ones cached
   * too, every record written here put through
   */
  private readonly heldCache?: ReadThrough<{ status: HeldStatus }>;

  constructor(db: Connection, cache?: Cache) {
    this.model = modelOn(db, 'HeldOrder', held, 'held_order_points');
    if (cache)
      this.heldCache = new ReadThrough({ cache, prefix: 'points:held:', ttlSeconds: 300, cacheMisses: true });
  }

  async init(): Promise<void> {
    await this.model.init();
  }

  /** Keeps the record of a held order; a redelivered order keeps the first one. */
  async hold(doc: Omit<HeldOrderDoc, '_id'>): Promise<HeldOrderDoc> {
    const _id = key(doc.tenant, doc.orderId);
    const stored = await this.model
      .findOneAndUpdate({ _id }, { $setOnInsert: { _id, ...doc } }, { upsert: true, new: true })
      .lean<HeldOrderDoc>();
    await this.heldCache?.put(_id, { status: stored!.status });
    return revive(stored)!;
  }

  /** Whether the order has a held record (approved and rejected ones included). */
  async isHeld(tenant: string, orderId: string): Promise<boolean> {
    if (!this.heldCache) return !!(await this.get(tenant, orderId));
    const found = await this.heldCache.loadOfTenant(tenant, [orderId], async (ids) =>
      (
        await this.model
          .find({ _id: { $in: ids.map((id) => key(tenant, id)) } }, { orderId: 1, status: 1 })
          .lean<HeldOrderDoc[]>()
      ).map((d) => ({ id: d.orderId, value: { status: d.status } })),
    );
    return found.length > 0;
  }

  async get(tenant: string, orderId: string): Promise<HeldOrderDoc | null> {
    return revive(await this.model.findById(key(tenant, orderId)).lean<HeldOrderDoc>());
  }

  /** Oldest first: the approval queue. */
  async list(tenant: string, status: HeldStatus, first: number): Promise<HeldOrderDoc[]> {
    const docs = await this.model
      .find({ tenant, status })
      .sort({ heldAt: 1, _id: 1 })
      .limit(first)
      .lean<HeldOrderDoc[]>();
    return docs.map((d) => revive(d)!);
  }

  /** HELD → `to`, only from HELD; returns the record as it is afterwards (null: no such order). */
  async decide(
    tenant: string,
    orderId: string,
    to: 'APPROVED' | 'REJECTED',
    decision: { at: Date; by: HeldOrderDoc['decidedBy']; rejectReason?: string },
  ): Promise<HeldOrderDoc | null> {
    const _id = key(tenant, orderId);
    await this.model.updateOne(
      { _id, status: 'HELD' },
      {
        $set: {
          status: to,
          decidedAt: decision.at,
          decidedBy: decision.by,
          ...(decision.rejectReason ? { rejectReason: decision.rejectReason } : {}),
        },
      },
    );
    const after = await this.get(tenant, orderId);
    if (after) await this.heldCache?.put(_id, { status: after.status });
    return after;
  }

  async recordEntry(tenant: string, orderId: string, entryId: string): Promise<void> {
    await this.model.updateOne({ _id: key(tenant, orderId) }, { $set: { entryId } });
  }
}
