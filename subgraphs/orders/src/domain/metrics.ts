/**
 * Store metrics (R-OR-4) from pre-aggregated day buckets. A bucket holds one small entry per order
 * of that store and day (keyed by order id, so re-applying an order changes nothing) and the new
 * members who joined there that day; a period's metrics are a fold over its buckets, never a scan of
 * orders.
 */
export interface BucketOrder {
  memberId?: string;
  total: number;
  refunded: number;
  /** the member had an earlier order (anywhere in the tenant) */
  repeat: boolean;
  cancelled?: boolean;
}

export interface Bucket {
  day: string;
  orders: Record<string, BucketOrder>;
  newMembers: string[];
}

export interface StoreMetricsValue {
  identifiedCustomers: number;
  newMembers: number;
  repeatPurchaseShare: number;
  orderCount: number;
  revenue: number;
}

export function foldMetrics(buckets: Bucket[]): StoreMetricsValue {
  const customers = new Set<string>();
  const newMembers = new Set<string>();
  let orderCount = 0;
  let repeat = 0;
  let revenue = 0;
  for (const b of buckets) {
    for (const m of b.newMembers ?? []) newMembers.add(m);
    for (const o of Object.values(b.orders ?? {})) {
      if (o.cancelled) continue;
      orderCount++;
      revenue += o.total - Math.min(o.refunded ?? 0, o.total);
      if (o.memberId) customers.add(o.memberId);
      if (o.repeat) repeat++;
    }
  }
  return {
    identifiedCustomers: customers.size,
    newMembers: newMembers.size,
    repeatPurchaseShare: orderCount ? repeat / orderCount : 0,
    orderCount,
    revenue,
  };
}

/** UTC day of a timestamp, the bucket key. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Every day from `from` (inclusive) to `to` (exclusive). */
export function daysBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  while (d < to) {
    out.push(dayOf(d));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}
