import { type Connection, mongo } from 'mongoose';
import { bulkWriteOnce, insertManyOnce } from '@zhongtai/subgraph-kit';
import type { TreeNode } from '../domain/day-tree.js';
import type { NodeTotals } from '../domain/metric-nodes.js';
import { type BucketDoc, type MetricNodeDoc, type MemberOrdinalDoc, key } from '../domain/records.js';
import { type OrderModels, orderModels } from './models.js';

/** What a day's node is built from: its bucket at a version. */
export type BucketSource = Pick<
  BucketDoc,
  '_id' | 'day' | 'orderCount' | 'revenue' | 'repeatCount' | 'customers' | 'v'
>;

/** A node as read: its totals (empty when it was never written) and its version for compare-and-set. */
export interface StoredNode extends NodeTotals {
  id: string;
  v?: number;
  w?: string;
}

export const nodeId = (tenant: string, storeId: string, n: TreeNode) =>
  key(tenant, storeId, String(n.level), String(n.index));

/** Reads at most this many buckets or nodes per command (a busy day's is tens of kilobytes). */
const CHUNK = 32;

/**
 * The store metrics tree's documents (service/metric-tree.ts keeps it in step with the buckets):
 * which days changed since their node was built (`dirty` on the bucket, set by every bucket write),
 * the nodes, and members' ordinals.
 */
export class MetricTreeRepository {
  private readonly m: OrderModels;
  constructor(db: Connection) {
    this.m = orderModels(db);
  }

  /**
   * Buckets written before the tree existed (no version) are marked behind once, so the background
   * settles them; a marker node records that it was done.
   */
  async init(): Promise<void> {
    const marker = '#buckets-versioned';
    if (await this.m.MetricNode.collection.findOne({ _id: marker as never }, { projection: { _id: 1 } }))
      return;
    await this.m.Bucket.collection.updateMany(
      { v: { $exists: false } },
      { $set: { dirty: true, changedAt: new Date(0) }, $inc: { v: 1 } },
    );
    await insertManyOnce(this.m.MetricNode, [{ _id: marker }]);
  }

  /** The days of a store (or all stores) in [first, last] whose bucket changed since its node was built. */
  async dirtyDays(tenant: string, storeId: string, first: string, last: string): Promise<string[]> {
    const docs = await this.m.Bucket.collection
      .find({ dirty: true, tenant, storeId, day: { $gte: first, $lte: last } }, { projection: { day: 1 } })
      .toArray();
    return docs.map((d) => d.day as string);
  }

  /** Changed buckets that have been left alone since `quietSince` (oldest first), by tenant and store. */
  async quietDirty(
    quietSince: Date,
    limit: number,
  ): Promise<Array<{ tenant: string; storeId: string; day: string }>> {
    return (await this.m.Bucket.collection
      .find(
        { dirty: true, changedAt: { $lte: quietSince } },
        { projection: { tenant: 1, storeId: 1, day: 1 } },
      )
      .sort({ changedAt: 1 })
      .limit(limit)
      .toArray()) as never;
  }

  /** The buckets of these days as they are now (totals, buyers, version). */
  async sources(tenant: string, storeId: string, days: string[]): Promise<BucketSource[]> {
    const out: BucketSource[] = [];
    for (let i = 0; i < days.length; i += CHUNK) {
      const ids = days.slice(i, i + CHUNK).map((d) => key(tenant, storeId, d));
      out.push(
        ...((await this.m.Bucket.collection
          .find(
            { _id: { $in: ids as never[] } },
            { projection: { day: 1, orderCount: 1, revenue: 1, repeatCount: 1, customers: 1, v: 1 } },
          )
          .toArray()) as unknown as BucketSource[]),
      );
    }
    return out;
  }

  /** How many members joined at the store (or anywhere) on each of these days. */
  async newMembersOn(tenant: string, storeId: string, days: string[]): Promise<Map<string, number>> {
    const rows = await this.m.NewMember.collection
      .aggregate<{ _id: string; n: number }>([
        { $match: { tenant, storeId, day: { $in: days } } },
        { $group: { _id: '$day', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  /** Each member's ordinal, new members given the tenant's next ones (a member keeps its first). */
  async ordinals(tenant: string, memberIds: string[]): Promise<Map<string, number>> {
    const found = await this.readOrdinals(tenant, memberIds);
    const missing = memberIds.filter((m) => !found.has(m));
    if (!missing.length) return found;
    const counter = await this.m.MemberOrdinal.collection.findOneAndUpdate(
      { _id: `${key(tenant)}|#next` as never },
      { $inc: { n: missing.length }, $setOnInsert: { tenant } },
      { upsert: true, returnDocument: 'after' },
    );
    const end = (counter as unknown as MemberOrdinalDoc).n;
    const docs = missing.map((m, i) => ({ _id: key(tenant, m), tenant, n: end - missing.length + i }));
    const inserted = new Set(await insertManyOnce(this.m.MemberOrdinal, docs));
    for (const [i, d] of docs.entries()) if (inserted.has(d._id)) found.set(missing[i], d.n);
    // another writer numbered the others first: theirs stand (the numbers reserved here stay unused)
    const lost = missing.filter((m) => !found.has(m));
    for (const [m, n] of await this.readOrdinals(tenant, lost)) found.set(m, n);
    return found;
  }

  private async readOrdinals(tenant: string, memberIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!memberIds.length) return out;
    const docs = await this.m.MemberOrdinal.collection
      .find({ _id: { $in: memberIds.map((m) => key(tenant, m)) as never[] } })
      .toArray();
    const prefix = key(tenant, '').length;
    for (const d of docs) out.set(String(d._id).slice(prefix), d.n as number);
    return out;
  }

  /** Nodes by id, in the order asked (a node never written is empty). */
  async nodes(ids: string[]): Promise<StoredNode[]> {
    const byId = new Map<string, MetricNodeDoc>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const docs = await this.m.MetricNode.collection
        .find({ _id: { $in: ids.slice(i, i + CHUNK) as never[] } })
        .toArray();
      for (const d of docs) byId.set(String(d._id), d as unknown as MetricNodeDoc);
    }
    return ids.map((id) => storedNode(id, byId.get(id)));
  }

  /**
   * Days' nodes, each only over an older one (`srcV`: the bucket version it was read at), so a
   * slower writer that read the bucket earlier never replaces a newer reading.
   */
  async writeDays(
    tenant: string,
    storeId: string,
    leaves: Array<{ node: TreeNode; totals: NodeTotals; srcV: number }>,
  ): Promise<void> {
    if (!leaves.length) return;
    await bulkWriteOnce(
      this.m.MetricNode.collection,
      leaves.map((l) => ({
        updateOne: {
          filter: { _id: nodeId(tenant, storeId, l.node), srcV: { $lt: l.srcV } },
          update: {
            $set: { ...fields(l.totals), srcV: l.srcV },
            $setOnInsert: { tenant, storeId, level: 0, index: l.node.index },
          },
          upsert: true,
        },
      })),
    );
  }

  /**
   * Higher nodes, each only if it is still at the version it was read at; every write leaves its
   * writer's mark (`w`), so the caller reads back which of its writes took.
   */
  async writeNodes(
    tenant: string,
    storeId: string,
    writes: Array<{ node: TreeNode; totals: NodeTotals; v?: number; w: string }>,
  ): Promise<void> {
    if (!writes.length) return;
    await bulkWriteOnce(
      this.m.MetricNode.collection,
      writes.map((x) => ({
        updateOne: {
          filter: { _id: nodeId(tenant, storeId, x.node), v: x.v ?? { $exists: false } },
          update: {
            $set: { ...fields(x.totals), w: x.w },
            $inc: { v: 1 },
            $setOnInsert: { tenant, storeId, level: x.node.level, index: x.node.index },
          },
          upsert: true,
        },
      })),
    );
  }

  /** Marks days caught up, each only if its bucket has not changed since it was read. */
  async markClean(tenant: string, storeId: string, read: Array<{ day: string; v?: number }>): Promise<void> {
    if (!read.length) return;
    await this.m.Bucket.collection.bulkWrite(
      read.map((r) => ({
        updateOne: {
          filter: { _id: key(tenant, storeId, r.day) as never, v: r.v ?? { $exists: false } },
          update: { $unset: { dirty: '', changedAt: '' } },
        },
      })),
      { ordered: false },
    );
  }
}

function fields(t: NodeTotals) {
  return {
    orderCount: t.orderCount,
    revenue: t.revenue,
    repeatCount: t.repeatCount,
    newMembers: t.newMembers,
    buyers: new mongo.Binary(t.buyers),
    buyerCount: t.buyerCount,
  };
}

function storedNode(id: string, d: MetricNodeDoc | undefined): StoredNode {
  const buyers = bytesOf(d?.buyers);
  return {
    id,
    orderCount: d?.orderCount ?? 0,
    revenue: d?.revenue ?? 0,
    repeatCount: d?.repeatCount ?? 0,
    newMembers: d?.newMembers ?? 0,
    buyers,
    buyerCount: d?.buyerCount ?? 0,
    v: d?.v,
    w: d?.w,
  };
}

/** The bytes of a stored binary (the driver's Binary, whichever copy of bson made it), or none. */
function bytesOf(raw: unknown): Uint8Array {
  if (raw instanceof Uint8Array) return raw;
  const b = raw as { _bsontype?: string; buffer?: Uint8Array; position?: number } | undefined;
  if (b?._bsontype === 'Binary' && b.buffer) return b.buffer.subarray(0, b.position ?? b.buffer.length);
  return new Uint8Array(0);
}
