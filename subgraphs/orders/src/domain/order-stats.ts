/** Counts that count: completed or partially refunded orders (a fully refunded or cancelled one is not a purchase). */
export interface StatsOrder {
  status: string;
  total: number;
  refundedTotal: number;
  placedAt: Date;
}

export interface MemberOrderStats {
  orderCount: number;
  totalSpent: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  isRepeatCustomer: boolean;
}

export function isPurchase(o: Pick<StatsOrder, 'status'>): boolean {
  return o.status === 'COMPLETED' || o.status === 'PARTIALLY_REFUNDED';
}

export function orderStats(orders: StatsOrder[]): MemberOrderStats {
  const purchases = orders.filter(isPurchase);
  let first: Date | null = null;
  let last: Date | null = null;
  let spent = 0;
  for (const o of purchases) {
    spent += o.total - o.refundedTotal;
    if (!first || o.placedAt < first) first = o.placedAt;
    if (!last || o.placedAt > last) last = o.placedAt;
  }
  return {
    orderCount: purchases.length,
    totalSpent: spent,
    firstOrderAt: first,
    lastOrderAt: last,
    isRepeatCustomer: purchases.length >= 2,
  };
}
