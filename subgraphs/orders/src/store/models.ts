import type { Actor, EventEnvelope } from '@zhongtai/contracts';
import { Schema, type Connection } from 'mongoose';
import type { Channel } from '@zhongtai/contracts';
import type { BucketOrder, BucketTotals } from '../domain/store-days.js';
import { modelOn } from '@zhongtai/subgraph-kit';

export type OrderStatus = 'PLACED' | 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'CANCELLED';

export interface OrderLineDoc {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface BuyerDoc {
  channel: Channel;
  externalId: string;
  phone?: string | null;
  displayName?: string | null;
  storeId?: string | null;
}

export interface OrderDoc {
  /** `ord_` + hash of (tenant, source, externalId): a replayed order maps to the same document */
  _id: string;
  tenant: string;
  source: string;
  externalId: string;
  channel: Channel;
  storeId?: string;
  memberId?: string;
  /** how the source knows the buyer, kept until the member center has identified them */
  buyer?: BuyerDoc | null;
  buyerPending?: boolean;
  status: OrderStatus;
  lines: OrderLineDoc[];
  currency: string;
  total: number;
  refundedTotal: number;
  refundIds: string[];
  placedAt: Date;
  createdAt: Date;
  /** projections and events done for this order (each step is idempotent; these let jobs resume) */
  /** false until the order's projections (summary, buckets, pairs) are written; the resume job finishes them */
  projected?: boolean;
  completedAnnounced?: boolean;
  /** imported history: announced as order.imported (no points) */
  historical?: boolean;
  /** its "bought together" pairs were counted (at most once) */
  bundled?: boolean;
  /** the person who typed the order in (a clerk); absent for orders from systems */
  enteredBy?: Actor;
  /** events written with the order's last change, until the outbox has them */
  outboxEvents?: Record<string, EventEnvelope>;
  outboxCount?: number;
  outboxAt?: Date;
}

export interface RefundDoc {
  /** `${orderId}|${refundId}` */
  _id: string;
  tenant: string;
  orderId: string;
  refundId: string;
  amount: number;
  reason?: string;
  at: Date;
  /** recorded before its order arrived (out-of-order delivery) and not applied yet */
  pending: boolean;
}

/** One member's orders in brief, keyed by order id: the store terminal's stats and recent orders in one read. */
export interface MemberOrdersDoc {
  /** `${tenant}|${memberId}` */
  _id: string;
  tenant: string;
  memberId: string;
  orders: Record<
    string,
    { placedAt: Date; total: number; refunded: number; status: OrderStatus; currency: string }
  >;
  /** the member's earliest order: the only one that is not a repeat purchase */
  firstOrderId?: string;
  firstOrderAt?: Date;
  /** members merged into this one (member id → merge id), from member.merged events */
  absorbed?: Record<string, string>;
}

/** An order's recorded contribution to a bucket, with the version its compare-and-set checks. */
export interface AppliedOrder extends BucketOrder {
  v: number;
}

export interface BucketDoc extends BucketTotals {
  /** `${tenant}|${storeId or *}|${day}` */
  _id: string;
  tenant: string;
  storeId: string;
  /** order id → its current contribution (written with the totals, read only to compare-and-set) */
  applied?: Record<string, AppliedOrder>;
}

export interface StoreDoc {
  _id: string;
  tenant: string;
  storeId: string;
  region: string;
}

export interface PairDoc {
  _id: string;
  tenant: string;
  a: string;
  b: string;
  count: number;
}

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
    newMembers: { type: [String], default: undefined },
    applied: mixed,
  },
  opts,
);
bucket.index({ tenant: 1, storeId: 1, day: 1 });
const store = new Schema<StoreDoc>({ _id: String, tenant: String, storeId: String, region: String }, opts);
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
    Store: get('StoreProjection', store, 'stores'),
    Pair: get('Pair', pair, 'sku_pairs'),
  };
}

export type OrderModels = ReturnType<typeof orderModels>;
export const key = (...parts: string[]) => parts.join('|');
/** The bucket of all stores together (tenant-wide metrics). */
export const ALL_STORES = '*';
