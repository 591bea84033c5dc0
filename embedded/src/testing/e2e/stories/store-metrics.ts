import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { DAY, type E2E } from '../harness.js';
import { freshPhone, identify } from '../ops.js';

const STORE = 'store-bj-001';
const SHANGHAI = 8 * 3_600_000;

interface Sale {
  member?: number;
  daysAgo: number;
  amount: number;
  refunded?: number;
  cancelled?: boolean;
}

/**
 * The store's members and sales (no other story touches store-bj-001): a member without orders, one
 * order, two, a lapsed one, a churned one, a big spender, a fully refunded order, anonymous sales.
 */
const MEMBERS = 7;
const SALES: Sale[] = [
  { member: 1, daysAgo: 20, amount: 5000 },
  { member: 2, daysAgo: 40, amount: 8000 },
  { member: 2, daysAgo: 12, amount: 6000 },
  { member: 3, daysAgo: 100, amount: 9000 },
  { member: 4, daysAgo: 200, amount: 4000 },
  { member: 5, daysAgo: 35, amount: 200_000 },
  { member: 5, daysAgo: 25, amount: 200_000, refunded: 50_000 },
  { member: 5, daysAgo: 15, amount: 200_000 },
  { member: 5, daysAgo: 5, amount: 200_000 },
  { member: 6, daysAgo: 10, amount: 7000, refunded: 7000 },
  { daysAgo: 9, amount: 3000 },
  { daysAgo: 8, amount: 2500, cancelled: true },
];

/** noon in Shanghai, `daysAgo` business days before `now`'s */
function placed(now: Date, daysAgo: number): Date {
  const day = Math.floor((now.getTime() + SHANGHAI) / DAY) - daysAgo;
  return new Date(day * DAY + 12 * 3_600_000 - SHANGHAI);
}
/** midnight in Shanghai starting the business day `daysAgo` before `now`'s */
function midnight(now: Date, daysAgo: number): Date {
  const day = Math.floor((now.getTime() + SHANGHAI) / DAY) - daysAgo;
  return new Date(day * DAY - SHANGHAI);
}

/** what a sale leaves after its refunds */
const net = (s: Sale) => s.amount - Math.min(s.refunded ?? 0, s.amount);

/** storeMetrics by brute force over the sales, as seed 000 defines its figures */
function bruteMetrics(sales: Sale[], fromDaysAgo: number, toDaysAgo: number) {
  const live = sales.filter((s) => !s.cancelled);
  const counted = live.filter((s) => s.daysAgo <= fromDaysAgo && s.daysAgo > toDaysAgo);
  const repeat = counted.filter(
    (s) => s.member !== undefined && live.some((o) => o.member === s.member && o.daysAgo > s.daysAgo),
  );
  return {
    orderCount: counted.length,
    revenue: counted.reduce((sum, s) => sum + net(s), 0),
    identifiedCustomers: new Set(counted.filter((s) => s.member !== undefined).map((s) => s.member)).size,
    repeatPurchaseShare: counted.length ? repeat.length / counted.length : 0,
  };
}

/** seed 002's lifecycle stage and relationship quadrant of one member, by their definitions */
function bruteProfile(sales: Sale[], now: Date) {
  const kept = sales.filter((s) => !s.cancelled && net(s) > 0);
  const spent = kept.reduce((sum, s) => sum + net(s), 0);
  const last = kept.length ? Math.max(...kept.map((s) => placed(now, s.daysAgo).getTime())) : undefined;
  const days = last === undefined ? Infinity : Math.floor((now.getTime() - last) / DAY);
  const stage = !kept.length
    ? 'IDENTIFIED'
    : days > 180
      ? 'CHURNED'
      : days > 90
        ? 'AT_RISK'
        : kept.length >= 2
          ? 'REPEAT'
          : 'FIRST_PURCHASE';
  const value = spent <= 0 ? 0 : Math.min(100, Math.round(100 * Math.sqrt(spent / 2_000_000)));
  const recency = last === undefined ? 0 : Math.max(0, Math.round(50 * (1 - Math.max(0, days - 30) / 150)));
  const activity = Math.min(100, recency + Math.min(20, 4 * kept.length));
  const quadrant = `${value >= 50 ? 'HIGH' : 'LOW'}_VALUE_${activity >= 50 ? 'ACTIVE' : 'DISTANT'}`;
  return { stage, quadrant };
}

const count = (values: string[]) =>
  values.reduce<Record<string, number>>((m, v) => ({ ...m, [v]: (m[v] ?? 0) + 1 }), {});
const nonZero = (rows: Array<{ count: number } & Record<string, unknown>>, key: string) =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r[key] as string, r.count]));

/** Seeds 000 and 002: a store's headline figures and its members' lifecycle and relationship, checked by brute force. */
export function storeMetricsByBruteForce(e2e: E2E): void {
  describe('000/002: store metrics, lifecycle funnel and relationship matrix', () => {
    it('match a brute-force count over the store’s sales', async () => {
      const system = await e2e.token({ role: 'SYSTEM', sub: 'import' });
      const hq = await e2e.token({ role: 'HQ' });
      const now = e2e.now();
      const cards: string[] = [];
      for (let m = 0; m < MEMBERS; m++) {
        const phone = freshPhone();
        cards.push(`card-${phone}`);
        await identify(e2e, system, { channel: 'STORE', externalId: `card-${phone}`, phone, storeId: STORE });
      }
      // the store's history, imported as a POS export would be (historical: no points, no surveys)
      const orders = SALES.map((s, i) => ({
        source: 'e2e-pos',
        externalId: `m-${now.getTime()}-${i}`,
        channel: 'STORE',
        storeId: STORE,
        status: s.cancelled ? 'CANCELLED' : 'COMPLETED',
        buyer: s.member === undefined ? undefined : { channel: 'STORE', externalId: cards[s.member] },
        lines: [{ sku: 'SKU-0041', quantity: 1, unitPrice: s.amount }],
        placedAt: placed(now, s.daysAgo).toISOString(),
      }));
      const imported = await e2e.gql<{ importOrders: { created: number; rejected: unknown[] } }>(
        system,
        'mutation($i: ImportOrdersInput!) { importOrders(input: $i) { created rejected { index code message } } }',
        { i: { orders } },
      );
      expect(imported.importOrders).toEqual({ created: SALES.length, rejected: [] });
      for (const [i, s] of SALES.entries())
        if (s.refunded)
          await e2e.gql(system, 'mutation($i: IngestRefundInput!) { ingestRefund(input: $i) { id } }', {
            i: {
              source: 'e2e-pos',
              orderExternalId: orders[i].externalId,
              refundId: `${orders[i].externalId}-r`,
              amount: s.refunded,
            },
          });

      // the headline figures of a past period (30 to 4 days ago) and of the month up to today
      const metrics = async (fromDaysAgo: number, toDaysAgo: number) =>
        (
          await e2e.gql<{
            storeMetrics: {
              orderCount: number;
              identifiedCustomers: number;
              repeatPurchaseShare: number;
              newMembers: number;
              revenue: { amount: number };
            };
          }>(
            hq,
            `query($f: DateTime!, $t: DateTime!) { storeMetrics(storeId: "${STORE}", from: $f, to: $t) {
              orderCount identifiedCustomers repeatPurchaseShare newMembers revenue { amount } } }`,
            { f: midnight(now, fromDaysAgo).toISOString(), t: midnight(now, toDaysAgo).toISOString() },
          )
        ).storeMetrics;
      for (const [from, to] of [
        [30, 3],
        [365, -1],
      ] as const) {
        const want = bruteMetrics(SALES, from, to);
        const got = await e2e.until(`storeMetrics ${from}→${to} days ago`, async () => {
          const r = await metrics(from, to);
          return r.revenue.amount === want.revenue ? r : undefined;
        });
        expect(got).toMatchObject({
          orderCount: want.orderCount,
          identifiedCustomers: want.identifiedCustomers,
          revenue: { amount: want.revenue },
        });
        expect(got.repeatPurchaseShare).toBeCloseTo(want.repeatPurchaseShare, 6);
        if (to < 0) expect(got.newMembers).toBe(MEMBERS); // all joined today
      }

      // lifecycle and relationship of the store's members, by the definitions
      const profiles = Array.from({ length: MEMBERS }, (_, m) =>
        bruteProfile(
          SALES.filter((s) => s.member === m),
          e2e.now(),
        ),
      );
      const stages = count(profiles.map((p) => p.stage));
      const quadrants = count(profiles.map((p) => p.quadrant));
      const read = async () =>
        e2e.gql<{
          lifecycleFunnel: { total: number; stages: Array<{ stage: string; count: number }> };
          relationshipMatrix: { total: number; cells: Array<{ quadrant: string; count: number }> };
        }>(
          hq,
          `{ lifecycleFunnel(storeId: "${STORE}") { total stages { stage count } }
             relationshipMatrix(storeId: "${STORE}") { total cells { quadrant count } } }`,
        );
      const profile = await e2e.until('the members’ facts from their orders', async () => {
        const r = await read();
        return isDeepStrictEqual(nonZero(r.lifecycleFunnel.stages, 'stage'), stages) ? r : undefined;
      });
      expect(profile.lifecycleFunnel.total).toBe(MEMBERS);
      expect(nonZero(profile.lifecycleFunnel.stages, 'stage')).toEqual(stages);
      expect(profile.relationshipMatrix.total).toBe(MEMBERS);
      expect(nonZero(profile.relationshipMatrix.cells, 'quadrant')).toEqual(quadrants);
    }, 180_000);
  });
}
