import type { Actor, Channel, EventEnvelope } from '@zhongtai/contracts';
import type { NodeTotals } from './metric-nodes.js';
import type { BucketOrder, BucketTotals } from './store-days.js';

/**
 * The records the orders subgraph keeps, as the rest of the code reads them (store/ maps them to
 * collections; services, resolvers, consumers and the policy never see a model).
 */

export type OrderStatus = 'PLACED' | 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'CANCELLED';

/** The id of a record scoped to a tenant: `${tenant}|${…}`. */
export const key = (...parts: string[]) => parts.join('|');

/** The bucket of all stores together (tenant-wide metrics). */
export const ALL_STORES = '*';

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
  recruitedBy?: string | null;
  consents?: Channel[] | null;
  birthday?: string | null;
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
  /** moves with every change; the metrics tree reads the bucket at a version (metric-tree-repository.ts) */
  v?: number;
  /** set with every change until the metrics tree has caught up */
  dirty?: boolean;
  changedAt?: Date;
}

/**
 * A node of the store metrics tree: `${tenant}|${storeId or *}|${level}|${index}`. A day's node
 * (level 0) records the version of the bucket it was read from (`srcV`); a higher node its own
 * version (`v`) and its last writer (`w`), for compare-and-set.
 */
export interface MetricNodeDoc extends NodeTotals {
  _id: string;
  tenant: string;
  storeId: string;
  level: number;
  index: number;
  srcV?: number;
  v?: number;
  w?: string;
}

/** A member's ordinal (`${tenant}|${memberId}`), or a tenant's next free one (`${tenant}|` + `#next`). */
export interface MemberOrdinalDoc {
  _id: string;
  tenant: string;
  n: number;
}

/** A member created at a store on a business day (`_id` `${tenant}|${storeId or *}|${day}|${memberId}`). */
export interface NewMemberDoc {
  _id: string;
  tenant: string;
  storeId: string;
  day: string;
  memberId: string;
}

export interface PairDoc {
  _id: string;
  tenant: string;
  a: string;
  b: string;
  count: number;
}
