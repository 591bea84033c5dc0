import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { type AdapterRuntime, type RefusedCoupon, pullAll } from '@zhongtai/adapter-kit';
import { pool } from '../seed/random.js';
import { retryUnavailable } from '../seed/retry.js';
import type { LegacyWorld } from './world.js';

export interface SyncCounts {
  members: number;
  balances: number;
  posRecords: number;
  omsRecords: number;
  /** coupon codes on receipts that the platform would not redeem (logged with their receipt) */
  couponsRefused: number;
}

/** Told of each coupon a till accepted that the platform refused (the sale itself is taken in). */
export type CouponRefusalLog = (r: RefusedCoupon & { receipt: string; storeId?: string }) => void;

/**
 * One pass of every pull adapter into the platform, from each feed's saved cursor: CRM members
 * and their balances (opening balances, imported once with provenance), POS sales and returns, and
 * the OMS's online and Taobao orders and refunds.
 * Safe to run again at any time: cursors move only after the platform took a page, and every record
 * carries its natural key (so a record the platform did not answer for is simply sent again).
 */
export async function syncLegacy(
  runtime: AdapterRuntime,
  world: LegacyWorld,
  onRefused: CouponRefusalLog = () => {},
): Promise<SyncCounts> {
  const { sink, checkpoints } = runtime;
  const members = await pullAll({
    name: 'crm-legacy:members',
    checkpoints,
    read: (c) => world.adapters.crm.listMembers(c),
    sink: async (items) =>
      void (await pool(
        6,
        items.map((m) => () => retryUnavailable(() => sink.member(m))),
      )),
  });
  const balances = await pullAll({
    name: 'crm-legacy:balances',
    checkpoints,
    read: (c) => world.adapters.crm.listPointBalances(c),
    sink: async (items) =>
      void (await pool(
        6,
        items.map((b) => () => retryUnavailable(() => sink.openingBalance(b, 'crm'))),
      )),
  });
  // orders of a page in parallel, a page's refunds after its orders (a refund may also come first: the platform keeps it)
  let couponsRefused = 0;
  const ordersThenRefunds = async (items: Array<NormalisedOrder | NormalisedRefund>) => {
    const orders = items.filter((i): i is NormalisedOrder => !('refundId' in i));
    await pool(
      6,
      orders.map((o) => async () => {
        for (const r of await retryUnavailable(() => sink.orderFeed(o))) {
          couponsRefused++;
          onRefused({ ...r, receipt: `${o.source}:${o.externalId}`, storeId: o.storeId });
        }
      }),
    );
    for (const r of items.filter((i) => 'refundId' in i)) await retryUnavailable(() => sink.orderFeed(r));
  };
  const posRecords = await pullAll({
    name: 'pos-legacy:sales',
    checkpoints,
    read: (c) => world.adapters.pos.listSales(c),
    sink: ordersThenRefunds,
  });
  const omsRecords = await pullAll({
    name: 'oms-mall:orders',
    checkpoints,
    read: (c) => world.adapters.oms.listOrders(c),
    sink: ordersThenRefunds,
  });
  return { members, balances, posRecords, omsRecords, couponsRefused };
}

/** Pulls again every `everyMs` (new sales in the POS reach the platform without a restart). */
export function startLegacyJobs(
  runtime: AdapterRuntime,
  world: LegacyWorld,
  everyMs: number,
  onError: (error: unknown) => void,
  onRefused?: CouponRefusalLog,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    syncLegacy(runtime, world, onRefused)
      .catch(onError)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
