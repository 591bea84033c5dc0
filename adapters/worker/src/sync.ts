import { type AdapterRuntime, type RefusedCoupon, pullAll, retryUnavailable } from '@zhongtai/adapter-kit';
import type { CrmLegacyAdapter } from '@zhongtai/adapter-crm-legacy';
import type { OmsMallAdapter } from '@zhongtai/adapter-oms-mall';
import type { PosLegacyAdapter } from '@zhongtai/adapter-pos-legacy';
import {
  type DomainError,
  ErrorCode,
  type NormalisedOrder,
  type NormalisedPointBalance,
  type NormalisedRefund,
} from '@zhongtai/contracts';
import { type Lease, periodicJob, silentLogger } from '@zhongtai/subgraph-kit';
import pMap from 'p-map';

/** The systems pulled from, each optional (a brand without an OMS configures none). */
export interface PulledAdapters {
  crm?: Pick<CrmLegacyAdapter, 'listMembers' | 'listPointBalances'>;
  pos?: Pick<PosLegacyAdapter, 'listSales'>;
  oms?: Pick<OmsMallAdapter, 'listOrders'>;
}

/** `tasks` with at most `limit` in flight */
const pool = <T>(limit: number, tasks: Array<() => Promise<T>>) =>
  pMap(tasks, (task) => task(), { concurrency: limit });

export interface SyncCounts {
  members: number;
  balances: number;
  posRecords: number;
  omsRecords: number;
  /** coupon codes on receipts that the platform would not redeem (logged with their receipt) */
  couponsRefused: number;
  /**
   * CRM balances read again that differ from the one imported for the member (the CRM went on after the
   * migration): the imported balance stands, the pass goes on; `pointsDrift` reports them
   */
  balancesDrifted: number;
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
  runtime: Pick<AdapterRuntime, 'sink' | 'checkpoints'>,
  from: { adapters: PulledAdapters },
  onRefused: CouponRefusalLog = () => {},
): Promise<SyncCounts> {
  const { sink, checkpoints } = runtime;
  const { crm, pos, oms } = from.adapters;
  const members = crm
    ? await pullAll({
        name: 'crm-legacy:members',
        checkpoints,
        read: (c) => crm.listMembers(c),
        sink: async (items) =>
          void (await pool(
            6,
            items.map((m) => () => retryUnavailable(() => sink.member(m))),
          )),
      })
    : 0;
  // the last page is read again every pass: a balance the CRM changed since its import is drift, not a failure
  let balancesDrifted = 0;
  const openingBalance = async (b: NormalisedPointBalance) => {
    try {
      await retryUnavailable(() => sink.openingBalance(b, 'crm'));
    } catch (error) {
      if ((error as DomainError).code !== ErrorCode.CONFLICT) throw error;
      balancesDrifted++;
    }
  };
  const balances = crm
    ? await pullAll({
        name: 'crm-legacy:balances',
        checkpoints,
        read: (c) => crm.listPointBalances(c),
        sink: async (items) =>
          void (await pool(
            6,
            items.map((b) => () => openingBalance(b)),
          )),
      })
    : 0;
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
  const posRecords = pos
    ? await pullAll({
        name: 'pos-legacy:sales',
        checkpoints,
        read: (c) => pos.listSales(c),
        sink: ordersThenRefunds,
      })
    : 0;
  const omsRecords = oms
    ? await pullAll({
        name: 'oms-mall:orders',
        checkpoints,
        read: (c) => oms.listOrders(c),
        sink: ordersThenRefunds,
      })
    : 0;
  return { members, balances, posRecords, omsRecords, couponsRefused, balancesDrifted };
}

export interface SyncJobOptions {
  everyMs: number;
  onError: (error: unknown) => void;
  onRefused?: CouponRefusalLog;
  /** several replicas: pull only while this one holds the lease (the others stand by) */
  lease?: Pick<Lease, 'held'>;
  /** after every complete pass (metrics) */
  onPass?: (counts: SyncCounts) => void;
}

/**
 * Pulls again every `everyMs` (new sales in the POS reach the platform without a restart), never
 * two passes at once (the kit's `periodicJob`); with a lease, only while this replica holds it.
 * Stopping waits for the pass in progress.
 */
export function startLegacyJobs(
  runtime: Pick<AdapterRuntime, 'sink' | 'checkpoints'>,
  from: { adapters: PulledAdapters },
  opts: SyncJobOptions,
): () => Promise<void> {
  const job = periodicJob({
    name: 'legacy sync',
    everyMs: opts.everyMs,
    logger: silentLogger(), // failures go to onError
    run: async () => {
      if (opts.lease && !opts.lease.held()) return;
      try {
        opts.onPass?.(await syncLegacy(runtime, from, opts.onRefused));
      } catch (error) {
        opts.onError(error);
      }
    },
  });
  return job ? job() : async () => {};
}
