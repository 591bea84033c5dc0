import { OrdinalSet } from './buyer-sets.js';
import type { BucketTotals } from './store-days.js';

/**
 * What a node of the metrics tree (day-tree.ts) holds for one store (or all stores): the totals of
 * its days and the set of members who bought in them (buyer-sets.ts). A day's node is read off its
 * bucket; a higher node is its children's sum and union, so it is exact whatever the period.
 */
export interface NodeTotals {
  orderCount: number;
  revenue: number;
  repeatCount: number;
  newMembers: number;
  /** the buyers' ordinals in stored form (empty: none) */
  buyers: Uint8Array;
  /** how many buyers (so a period that is one node needs no counting) */
  buyerCount: number;
}

/** Members with a counted order in the bucket (a cancelled order leaves its member at 0). */
export const buyersOf = (b: Pick<BucketTotals, 'customers'>): string[] =>
  Object.entries(b.customers ?? {})
    .filter(([, n]) => n > 0)
    .map(([m]) => m);

/** A day's node from its bucket, the buyers' ordinals and the members who joined that day. */
export function leafOf(
  b: BucketTotals | undefined,
  ordinalOf: (memberId: string) => number,
  newMembers: number,
): NodeTotals {
  const set = OrdinalSet.of(b ? buyersOf(b).map(ordinalOf) : []);
  return {
    orderCount: b?.orderCount ?? 0,
    revenue: b?.revenue ?? 0,
    repeatCount: b?.repeatCount ?? 0,
    newMembers,
    buyers: set.encode(),
    buyerCount: set.size,
  };
}

/** A node from its children (missing ones are empty). */
export function mergeNodes(nodes: Array<NodeTotals | undefined>): NodeTotals {
  const present = nodes.filter((n): n is NodeTotals => !!n);
  const set = OrdinalSet.union(present.map((n) => n.buyers));
  return {
    ...sumTotals(present),
    buyers: set.encode(),
    buyerCount: set.size,
  };
}

export interface StoreMetricsValue {
  identifiedCustomers: number;
  newMembers: number;
  repeatPurchaseShare: number;
  orderCount: number;
  revenue: number;
}

/** A period's metrics from the nodes that cover it (day-tree.ts `cover`). */
export function foldMetrics(nodes: Array<NodeTotals | undefined>): StoreMetricsValue {
  const present = nodes.filter((n): n is NodeTotals => !!n);
  const t = sumTotals(present);
  const identifiedCustomers =
    present.length === 1 ? present[0].buyerCount : OrdinalSet.union(present.map((n) => n.buyers)).size;
  return {
    identifiedCustomers,
    newMembers: t.newMembers,
    repeatPurchaseShare: t.orderCount ? t.repeatCount / t.orderCount : 0,
    orderCount: t.orderCount,
    revenue: t.revenue,
  };
}

function sumTotals(nodes: NodeTotals[]) {
  const t = { orderCount: 0, revenue: 0, repeatCount: 0, newMembers: 0 };
  for (const n of nodes) {
    t.orderCount += n.orderCount;
    t.revenue += n.revenue;
    t.repeatCount += n.repeatCount;
    t.newMembers += n.newMembers;
  }
  return t;
}
