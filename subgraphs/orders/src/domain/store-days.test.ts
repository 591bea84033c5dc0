import fc from 'fast-check';
import {
  type BucketDelta,
  type BucketOrder,
  type BucketTotals,
  bucketsOf,
  deltaOf,
  orderEntry,
} from './store-days.js';
import { type TreeNode, childrenOf, cover, dayNumber } from './day-tree.js';
import { type NodeTotals, foldMetrics, leafOf, mergeNodes } from './metric-nodes.js';

// Buckets are keyed by the tenant's business day (the service asks the kit's calendar); here a
// Shanghai day by its fixed offset (China has no daylight saving), so 16:00 UTC starts the next day.
const HOURS_8 = 8 * 3_600_000;
const dayOf = (at: Date) => new Date(at.getTime() + HOURS_8).toISOString().slice(0, 10);
/** midnight in Shanghai of the day `n` days after 1 January 2026 (16:00 UTC the day before) */
const shanghaiMidnight = (n: number) => new Date(Date.UTC(2026, 0, 1 + n) - HOURS_8);

interface GenOrder {
  id: string;
  member?: string;
  store: string;
  at: Date;
  total: number;
  refunded: number;
}

/** The brute-force definition the buckets must agree with. */
function bruteForce(orders: GenOrder[], store: string | null, from: Date, to: Date) {
  const inRange = orders.filter((o) => (!store || o.store === store) && o.at >= from && o.at < to);
  const firstAt = new Map<string, Date>();
  for (const o of orders)
    if (o.member && (!firstAt.has(o.member) || o.at < firstAt.get(o.member)!)) firstAt.set(o.member, o.at);
  const repeat = inRange.filter((o) => o.member && o.at > firstAt.get(o.member)!).length;
  return {
    identifiedCustomers: new Set(inRange.filter((o) => o.member).map((o) => o.member)).size,
    orderCount: inRange.length,
    revenue: inRange.reduce((n, o) => n + o.total - o.refunded, 0),
    repeatPurchaseShare: inRange.length ? repeat / inRange.length : 0,
  };
}

const addDelta = (b: BucketTotals, d: BucketDelta) => {
  b.orderCount = (b.orderCount ?? 0) + d.orderCount;
  b.revenue = (b.revenue ?? 0) + d.revenue;
  b.repeatCount = (b.repeatCount ?? 0) + d.repeatCount;
  b.customers ??= {};
  for (const [m, n] of Object.entries(d.customers)) b.customers[m] = (b.customers[m] ?? 0) + n;
};

/**
 * How the service fills buckets, in arrival order: each order's contribution recorded and the
 * totals moved by `deltaOf`; a member's new first order re-marks the previous first as a repeat;
 * refunds arrive after their order and move the totals by the difference.
 */
function buckets(orders: GenOrder[], arrival: number[], store: string | null): BucketTotals[] {
  const byDay = new Map<string, BucketTotals>();
  const applied = new Map<string, BucketOrder>();
  const first = new Map<string, GenOrder>();
  const apply = (o: GenOrder, next: BucketOrder) => {
    if (store && o.store !== store) return;
    const b = byDay.get(dayOf(o.at)) ?? { day: dayOf(o.at) };
    addDelta(b, deltaOf(applied.get(o.id), next));
    applied.set(o.id, next);
    byDay.set(b.day, b);
  };
  for (const i of arrival) {
    const o = orders[i];
    let repeat = false;
    if (o.member) {
      const f = first.get(o.member);
      if (!f || o.at < f.at || (o.at.getTime() === f.at.getTime() && o.id < f.id)) {
        if (f) apply(f, { ...applied.get(f.id)!, repeat: true });
        first.set(o.member, o);
      } else repeat = true;
    }
    apply(o, { memberId: o.member, total: o.total, refunded: 0, repeat });
  }
  for (const i of arrival) {
    const o = orders[i];
    if (o.refunded && (!store || o.store === store))
      apply(o, { ...applied.get(o.id)!, refunded: o.refunded });
  }
  return [...byDay.values()];
}

/**
 * A period's metrics as the service reads them: each day's bucket a leaf (buyers as ordinals), higher
 * nodes merged from their children, the period's cover folded.
 */
function viaTree(days: BucketTotals[], first: number, last: number) {
  const ordinals = new Map<string, number>();
  const ordinalOf = (m: string) => ordinals.get(m) ?? ordinals.set(m, ordinals.size * 37).get(m)!;
  const byDay = new Map(days.map((b) => [dayNumber(b.day), b]));
  const nodeAt = (n: TreeNode): NodeTotals =>
    n.level === 0 ? leafOf(byDay.get(n.index), ordinalOf, 0) : mergeNodes(childrenOf(n).map(nodeAt));
  return foldMetrics(cover(first, last).map(nodeAt));
}

describe('store metrics from buckets', () => {
  it('equal the brute-force computation on generated orders', () => {
    const order = fc.record({
      member: fc.option(fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'), { nil: undefined }),
      store: fc.constantFrom('s1', 's2', 's3'),
      minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
      total: fc.integer({ min: 0, max: 100_000 }),
      refundShare: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(order, { maxLength: 80 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(null, 's1', 's2'),
        fc.integer(),
        (raw, fromDay, span, store, seed) => {
          // from 1 January 2026 in Shanghai, so days here straddle two UTC dates
          const base = shanghaiMidnight(0).getTime();
          const orders: GenOrder[] = raw.map((r, i) => ({
            id: `o${i}`,
            member: r.member,
            store: r.store,
            at: new Date(base + r.minute * 60_000),
            total: r.total,
            refunded: Math.floor((r.total * r.refundShare) / 100),
          }));
          // distinct timestamps per member keep "earlier order" unambiguous, as real order times are
          const from = shanghaiMidnight(fromDay);
          const to = shanghaiMidnight(fromDay + span);
          const inPeriod = new Set(
            Array.from({ length: span }, (_, i) => dayOf(shanghaiMidnight(fromDay + i))),
          );
          // orders arrive in any order (historical imports, late marketplace syncs)
          const arrival = orders
            .map((_, i) => i)
            .sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97));
          const got = viaTree(
            buckets(orders, arrival, store).filter((b) => inPeriod.has(b.day)),
            dayNumber(dayOf(from)),
            dayNumber(dayOf(new Date(to.getTime() - 1))),
          );
          const want = bruteForce(orders, store, from, to);
          const ties = orders.some((a) =>
            orders.some(
              (b) => a !== b && a.member && a.member === b.member && a.at.getTime() === b.at.getTime(),
            ),
          );
          if (ties) return;
          expect(got.orderCount).toBe(want.orderCount);
          expect(got.revenue).toBe(want.revenue);
          expect(got.identifiedCustomers).toBe(want.identifiedCustomers);
          expect(got.repeatPurchaseShare).toBeCloseTo(want.repeatPurchaseShare, 10);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("an order's buckets", () => {
  it("are its store's and the all-stores one (the tenant's only without a store)", () => {
    expect(bucketsOf({ storeId: 's1' })).toEqual(['s1', '*']);
    expect(bucketsOf({})).toEqual(['*']);
  });

  it('hold its contribution net of refunds; a cancelled order counts nothing', () => {
    const o = { memberId: 'm1', total: 1000, refundedTotal: 300, status: 'COMPLETED' as const };
    expect(orderEntry(o, true)).toEqual({
      memberId: 'm1',
      total: 1000,
      refunded: 300,
      repeat: true,
      cancelled: false,
    });
    expect(deltaOf(undefined, orderEntry(o, false))).toEqual({
      orderCount: 1,
      revenue: 700,
      repeatCount: 0,
      customers: { m1: 1 },
    });
    expect(deltaOf(undefined, orderEntry({ ...o, status: 'CANCELLED' }, false)).orderCount).toBe(0);
  });
});
