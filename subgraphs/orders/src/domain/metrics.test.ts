import fc from 'fast-check';
import { type Bucket, dayOf, daysBetween, foldMetrics } from './metrics.js';

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

/** How the service fills buckets: each order keyed by id; the member's first order is the only non-repeat one. */
function buckets(orders: GenOrder[], store: string | null): Bucket[] {
  const first = new Map<string, GenOrder>();
  for (const o of orders)
    if (
      o.member &&
      (!first.has(o.member) ||
        o.at < first.get(o.member)!.at ||
        (o.at.getTime() === first.get(o.member)!.at.getTime() && o.id < first.get(o.member)!.id))
    )
      first.set(o.member, o);
  const byDay = new Map<string, Bucket>();
  for (const o of orders) {
    if (store && o.store !== store) continue;
    const b = byDay.get(dayOf(o.at)) ?? { day: dayOf(o.at), orders: {}, newMembers: [] };
    b.orders[o.id] = {
      memberId: o.member,
      total: o.total,
      refunded: o.refunded,
      repeat: !!o.member && first.get(o.member)!.id !== o.id,
    };
    byDay.set(b.day, b);
  }
  return [...byDay.values()];
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
        (raw, fromDay, span, store) => {
          const base = Date.UTC(2026, 0, 1);
          const orders: GenOrder[] = raw.map((r, i) => ({
            id: `o${i}`,
            member: r.member,
            store: r.store,
            at: new Date(base + r.minute * 60_000),
            total: r.total,
            refunded: Math.floor((r.total * r.refundShare) / 100),
          }));
          // distinct timestamps per member keep "earlier order" unambiguous, as real order times are
          const from = new Date(base + fromDay * 86_400_000);
          const to = new Date(from.getTime() + span * 86_400_000);
          const inPeriod = new Set(daysBetween(from, to));
          const got = foldMetrics(buckets(orders, store).filter((b) => inPeriod.has(b.day)));
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

  it('lists the days of a period, end exclusive', () => {
    expect(daysBetween(new Date('2026-01-30T10:00:00Z'), new Date('2026-02-02T00:00:00Z'))).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
    ]);
  });
});
