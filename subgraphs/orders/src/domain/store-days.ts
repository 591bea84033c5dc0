import { ALL_STORES, type OrderStatus } from './records.js';

/**
 * Store metrics (R-OR-4) from pre-aggregated day buckets. A bucket (one per store and business day —
 * the tenant's calendar day in its time zone, `deps.calendar`, never the UTC date — plus one for all
 * stores) holds running totals — order count, net revenue, repeat orders, orders per member,
 * the day's new members — so a period's metrics fold one small document per day, whatever the
 * number of orders. Each order's current contribution is kept beside the totals (`applied`, never
 * read by queries) so that a redelivery, a refund, a cancellation or a re-marked repeat changes the
 * totals by the exact difference, once (see `deltaOf` and the repository's compare-and-set).
 */
export interface BucketOrder {
  memberId?: string;
  total: number;
  refunded: number;
  /** the member had an earlier order (anywhere in the tenant) */
  repeat: boolean;
  cancelled?: boolean;
}

/** The buckets an order counts in: its store's and the all-stores one. */
export const bucketsOf = (o: { storeId?: string }): string[] =>
  o.storeId ? [o.storeId, ALL_STORES] : [ALL_STORES];

/** An order's contribution as it is now (`repeat`: see repeat-purchase.ts). */
export function orderEntry(
  o: { memberId?: string; total: number; refundedTotal: number; status: OrderStatus },
  repeat: boolean,
): BucketOrder {
  return {
    memberId: o.memberId,
    total: o.total,
    refunded: o.refundedTotal ?? 0,
    repeat,
    cancelled: o.status === 'CANCELLED',
  };
}

/** What queries read of a bucket. */
export interface BucketTotals {
  day: string;
  orderCount?: number;
  revenue?: number;
  repeatCount?: number;
  /** member id → counted orders of that member on that day (0 once they were cancelled) */
  customers?: Record<string, number>;
}

export interface BucketDelta {
  orderCount: number;
  revenue: number;
  repeatCount: number;
  customers: Record<string, number>;
}

/** The totals one order adds to its buckets (nothing while cancelled). */
function contribution(e: BucketOrder | undefined): BucketDelta {
  if (!e || e.cancelled) return { orderCount: 0, revenue: 0, repeatCount: 0, customers: {} };
  return {
    orderCount: 1,
    revenue: e.total - Math.min(e.refunded ?? 0, e.total),
    repeatCount: e.repeat ? 1 : 0,
    customers: e.memberId ? { [e.memberId]: 1 } : {},
  };
}

/** How the totals move when an order's contribution changes from `prev` to `next`. */
export function deltaOf(prev: BucketOrder | undefined, next: BucketOrder): BucketDelta {
  const a = contribution(prev);
  const b = contribution(next);
  const customers: Record<string, number> = {};
  for (const [m, n] of Object.entries(b.customers)) customers[m] = n;
  for (const [m, n] of Object.entries(a.customers)) customers[m] = (customers[m] ?? 0) - n;
  for (const m of Object.keys(customers)) if (customers[m] === 0) delete customers[m];
  return {
    orderCount: b.orderCount - a.orderCount,
    revenue: b.revenue - a.revenue,
    repeatCount: b.repeatCount - a.repeatCount,
    customers,
  };
}

export const isEmptyDelta = (d: BucketDelta) =>
  !d.orderCount && !d.revenue && !d.repeatCount && !Object.keys(d.customers).length;

/** Same contribution, field by field (an unchanged redelivery writes nothing). */
export const sameEntry = (a: BucketOrder | undefined, b: BucketOrder) =>
  !!a &&
  a.memberId === b.memberId &&
  a.total === b.total &&
  a.refunded === b.refunded &&
  a.repeat === b.repeat &&
  !!a.cancelled === !!b.cancelled;
