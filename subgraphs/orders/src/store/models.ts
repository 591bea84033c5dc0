import { Schema, type Connection } from 'mongoose';
import { modelOn } from '@zhongtai/subgraph-kit';
import type {
  BucketDoc,
  MemberOrdersDoc,
  OrderDoc,
  OrderLineDoc,
  NewMemberDoc,
  MetricNodeDoc,
  MemberOrdinalDoc,
  PairDoc,
  RefundDoc,
} from '../domain/records.js';

/** The collections of the orders subgraph (private to its repository; the record shapes are domain/records.ts). */
const opts = { versionKey: false as const, minimize: false };
const mixed = { type: Schema.Types.Mixed };
const line = new Schema<OrderLineDoc>({ sku: String, quantity: Number, unitPrice: Number }, { _id: false });
const order = new Schema<OrderDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    source: String,
    externalId: String,
    channel: String,
    storeId: String,
    memberId: String,
    buyer: mixed,
    buyerPending: Boolean,
    status: String,
    lines: { type: [line], default: [] },
    currency: String,
    total: Number,
    refundedTotal: { type: Number, default: 0 },
    refundIds: { type: [String], default: [] },
    placedAt: Date,
    createdAt: Date,
    projected: Boolean,
    completedAnnounced: Boolean,
    historical: Boolean,
    bundled: Boolean,
    enteredBy: mixed,
    outboxEvents: mixed,
    outboxCount: Number,
    outboxAt: Date,
  },
  opts,
);
order.index({ tenant: 1, memberId: 1, placedAt: -1 });
order.index({ buyerPending: 1 });
order.index({ projected: 1 });
order.index({ completedAnnounced: 1, status: 1 });

const refund = new Schema<RefundDoc>(
  {
    _id: String,
    tenant: String,
    orderId: String,
    refundId: String,
    amount: Number,
    reason: String,
    at: Date,
    pending: Boolean,
  },
  opts,
);
refund.index({ orderId: 1, pending: 1 });
const memberOrders = new Schema<MemberOrdersDoc>(
  {
    _id: String,
    tenant: String,
    memberId: String,
    orders: mixed,
    firstOrderId: String,
    firstOrderAt: Date,
    absorbed: mixed,
  },
  opts,
);
const bucket = new Schema<BucketDoc>(
  {
    _id: String,
    tenant: String,
    storeId: String,
    day: String,
    orderCount: Number,
    revenue: Number,
    repeatCount: Number,
    customers: mixed,
    applied: mixed,
    v: Number,
    dirty: Boolean,
    changedAt: Date,
  },
  opts,
);
bucket.index({ tenant: 1, storeId: 1, day: 1 });
// the days whose metrics tree nodes are behind their bucket (metric-tree-repository.ts)
bucket.index({ dirty: 1, tenant: 1, storeId: 1, day: 1 });
bucket.index({ dirty: 1, changedAt: 1 });
/** A node of the store metrics tree (domain/day-tree.ts, domain/metric-nodes.ts). */
const metricNode = new Schema<MetricNodeDoc>(
  {
    _id: String,
    tenant: String,
    storeId: String,
    level: Number,
    index: Number,
    orderCount: Number,
    revenue: Number,
    repeatCount: Number,
    newMembers: Number,
    buyers: Buffer,
    buyerCount: Number,
    srcV: Number,
    v: Number,
    w: String,
  },
  opts,
);
/** A member's ordinal in the metrics' buyer sets (domain/buyer-sets.ts), and each tenant's next one. */
const memberOrdinal = new Schema<MemberOrdinalDoc>({ _id: String, tenant: String, n: Number }, opts);
/** A member created at a store, on the tenant's business day it joined (and one for all stores). */
const dayMember = new Schema<NewMemberDoc>(
  { _id: String, tenant: String, storeId: String, day: String, memberId: String },
  opts,
);
dayMember.index({ tenant: 1, storeId: 1, day: 1 });
const pair = new Schema<PairDoc>({ _id: String, tenant: String, a: String, b: String, count: Number }, opts);
pair.index({ tenant: 1, a: 1, count: -1 });
pair.index({ tenant: 1, b: 1, count: -1 });

export function orderModels(db: Connection) {
  const get = <T>(name: string, s: Schema<T>, collection: string) => modelOn(db, name, s, collection);
  return {
    Order: get('Order', order, 'orders'),
    Refund: get('Refund', refund, 'refunds'),
    MemberOrders: get('MemberOrders', memberOrders, 'member_orders'),
    Bucket: get('Bucket', bucket, 'store_days'),
    Pair: get('Pair', pair, 'sku_pairs'),
    NewMember: get('NewMember', dayMember, 'store_day_members'),
    MetricNode: get('MetricNode', metricNode, 'store_metric_tree'),
    MemberOrdinal: get('MemberOrdinal', memberOrdinal, 'member_ordinals'),
  };
}

export type OrderModels = ReturnType<typeof orderModels>;
