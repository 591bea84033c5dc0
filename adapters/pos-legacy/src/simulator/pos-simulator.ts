import { Simulator, type SimRequest, type SimResponse, seededRandom } from '@zhongtai/adapter-kit';
import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { DOC_TYPES, type PosRow } from '../legacy.js';
import { POS_IDENTIFIER, fenToYuan, toLegacyTime } from '../legacy-format.js';
import { POS_CURRENCY, POS_SOURCE } from '../mapping.js';

export type PosFeedRecord = NormalisedOrder | NormalisedRefund;

export interface PosSimulatorOptions {
  /** drives serial gaps, noise rows, formatting quirks and faults (default 42) */
  seed?: number;
  /** POS store code → platform store id, as given to the adapter; the simulator applies it backwards */
  storeCodes?: Readonly<Record<string, string>>;
  /** voided receipts and shift handovers between the sales (default true) */
  noise?: boolean;
  /** the first serial number (default 10000001) */
  firstSerial?: number;
}

const bad = (message: string) => new Error(`pos simulator: ${message}`);
const timeOf = (r: PosFeedRecord) => Date.parse('refundId' in r ? r.refundedAt : r.placedAt);

function checkId(id: string, what: string): void {
  if (!id || id !== id.trim()) throw bad(`${what} ${JSON.stringify(id)} is blank or padded`);
}

/**
 * A simulated store POS back office whose sales feed holds `feed` (normalised orders and refunds,
 * converted to its rows in time order, with gaps in the serials and noise rows in between):
 *   GET /posbo/xtsj                    server time (what the health check calls)
 *   GET /posbo/xsls?qslsh=&ts=         rows with a serial above `qslsh`, at most `ts` (≤ 200), ascending
 * `append(records)` books more sales later, as stores upload them.
 */
export class PosSimulator extends Simulator {
  private readonly rows: PosRow[] = [];
  private readonly receipts = new Set<string>();
  private readonly storeOfReceipt = new Map<string, string>();
  private readonly storeCode: (storeId: string) => string;
  private serial: number;
  private readonly rnd: () => number;

  constructor(
    feed: PosFeedRecord[],
    private readonly opts: PosSimulatorOptions = {},
  ) {
    super(POS_IDENTIFIER, (req) => this.answer(req), { seed: opts.seed });
    this.rnd = seededRandom(opts.seed ?? 42);
    this.serial = (opts.firstSerial ?? 10_000_001) - 1;
    const back = new Map<string, string>();
    for (const [code, id] of Object.entries(opts.storeCodes ?? {})) {
      if (back.has(id)) throw bad(`store ${id} has two codes`);
      back.set(id, code);
    }
    this.storeCode = (id) => back.get(id) ?? id;
    const inTime = feed.map((r, i) => ({ r, i })).sort((a, b) => timeOf(a.r) - timeOf(b.r) || a.i - b.i);
    this.append(inTime.map((x) => x.r));
  }

  /** Books records after everything already held (in the order given, like a late upload). */
  append(records: PosFeedRecord[]): void {
    for (const r of records) {
      if (this.opts.noise !== false) this.noise(r);
      this.rows.push('refundId' in r ? this.returnRow(r) : this.saleRow(r));
    }
  }

  private next(): number {
    this.serial += this.rnd() < 0.2 ? 2 + Math.floor(this.rnd() * 3) : 1; // gaps: serials burnt by the tills
    return this.serial;
  }

  private base(r: PosFeedRecord, type: string, receipt: string, store: string, time: string): PosRow {
    if (this.receipts.has(receipt)) throw bad(`receipt ${receipt} appears twice`);
    this.receipts.add(receipt);
    const row = {
      lsh: this.next(),
      djlx: type,
      zfbz: '0',
      xpbh: receipt,
      ysxph: '',
      mdbm: store,
      syjh: '01',
    };
    const jysj = toLegacyTime(time, `${receipt} time`);
    return { ...row, hykh: '', jysj, hjje: '0.00', thyy: '', yhqm: '', mx: [] };
  }

  private saleRow(o: NormalisedOrder): PosRow {
    const id = o.externalId;
    checkId(id, 'receipt');
    if (o.source !== POS_SOURCE) throw bad(`sale ${id}: source must be '${POS_SOURCE}'`);
    if (o.channel !== 'STORE') throw bad(`sale ${id}: a POS sells in STORE only, not ${o.channel}`);
    if (o.status !== 'COMPLETED') throw bad(`sale ${id}: a POS books COMPLETED sales only, not ${o.status}`);
    if (o.currency !== POS_CURRENCY)
      throw bad(`sale ${id}: the POS sells in ${POS_CURRENCY}, not ${o.currency}`);
    if (!o.storeId) throw bad(`sale ${id}: every sale has a store`);
    const b = o.buyer;
    if (b && (b.channel !== 'STORE' || Object.keys(b).some((k) => k !== 'channel' && k !== 'externalId')))
      throw bad(`sale ${id}: the POS knows a buyer by card number only ({ channel: 'STORE', externalId })`);
    if (b) checkId(b.externalId, 'card number');
    if (b && /^0+$/.test(b.externalId)) throw bad(`sale ${id}: card number ${b.externalId} means "no card"`);
    const row = this.base(o, DOC_TYPES.SALE, id, this.storeCode(o.storeId), o.placedAt);
    this.storeOfReceipt.set(id, row.mdbm);
    let total = 0;
    row.mx = o.lines.map((l, i) => {
      checkId(l.sku, `sale ${id} line ${i + 1} SKU`);
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
        throw bad(`sale ${id}: quantities are whole, ≥ 1`);
      if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0) throw bad(`sale ${id}: prices are fen, ≥ 0`);
      total += l.quantity * l.unitPrice;
      return { spbm: l.sku, sl: `${l.quantity}.000`, dj: fenToYuan(l.unitPrice) };
    });
    row.hjje = fenToYuan(total);
    const coupons = o.couponCodes ?? [];
    for (const code of coupons) checkId(code, `sale ${id} coupon code`);
    if (coupons.length) row.yhqm = coupons.join(this.rnd() < 0.3 ? '，' : ','); // some tills write full-width commas
    row.hykh = b
      ? this.rnd() < 0.3
        ? ` ${b.externalId}  `
        : b.externalId
      : this.rnd() < 0.5
        ? ''
        : '0000000000';
    return row;
  }

  private returnRow(r: NormalisedRefund): PosRow {
    checkId(r.refundId, 'return receipt');
    checkId(r.orderExternalId, `return ${r.refundId}: original receipt`);
    if (r.source !== POS_SOURCE) throw bad(`return ${r.refundId}: source must be '${POS_SOURCE}'`);
    if (!Number.isSafeInteger(r.amount) || r.amount < 0)
      throw bad(`return ${r.refundId}: amount is fen, ≥ 0`);
    if (r.reason !== undefined && (!r.reason.trim() || r.reason !== r.reason.trim()))
      throw bad(`return ${r.refundId}: reason is blank or padded`);
    const store = this.storeOfReceipt.get(r.orderExternalId) ?? '';
    const row = this.base(r, DOC_TYPES.RETURN, r.refundId, store, r.refundedAt);
    return { ...row, ysxph: r.orderExternalId, hjje: fenToYuan(-r.amount), thyy: r.reason ?? '' };
  }

  /** Rows that are not sales: a voided receipt or a shift handover, now and then. */
  private noise(r: PosFeedRecord): void {
    const x = this.rnd();
    if (x > 0.1) return;
    const time = toLegacyTime(new Date(Math.floor(timeOf(r) / 1000) * 1000).toISOString(), 'noise');
    const store =
      'refundId' in r ? (this.storeOfReceipt.get(r.orderExternalId) ?? '') : this.storeCode(r.storeId ?? '');
    const lsh = this.next();
    const row = {
      lsh,
      zfbz: '0',
      ysxph: '',
      mdbm: store,
      syjh: '01',
      hykh: '',
      jysj: time,
      thyy: '',
      yhqm: '',
      mx: [],
    };
    if (x < 0.06)
      this.rows.push({
        ...row,
        djlx: DOC_TYPES.SALE,
        zfbz: '1',
        xpbh: `VOID-${lsh}`,
        hjje: '18.80',
        mx: [{ spbm: 'SKU-0001', sl: '1.000', dj: '18.80' }],
      });
    else this.rows.push({ ...row, djlx: DOC_TYPES.SHIFT, xpbh: '', hjje: '5230.50' });
  }

  private answer(req: SimRequest): SimResponse {
    if (req.method !== 'GET') return { status: 405, body: { ret: 405, msg: 'method not allowed' } };
    if (req.path === '/posbo/xtsj')
      return {
        body: {
          ret: 0,
          msg: 'ok',
          xtsj: toLegacyTime(new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(), 'now'),
        },
      };
    if (req.path !== '/posbo/xsls') return { status: 404, body: { ret: 404, msg: 'not found' } };
    const after = req.query.get('qslsh') ?? '0';
    const size = req.query.get('ts') ?? '50';
    if (!/^\d+$/.test(after) || !/^\d+$/.test(size) || Number(size) < 1)
      return { status: 400, body: { ret: 400, msg: '参数错误 qslsh/ts' } };
    const from = this.rows.findIndex((r) => r.lsh > Number(after));
    const rows = from < 0 ? [] : this.rows.slice(from, from + Math.min(200, Number(size)));
    return { body: { ret: 0, msg: 'ok', rows } };
  }
}

export const createPosSimulator = (feed: PosFeedRecord[], opts: PosSimulatorOptions = {}): PosSimulator =>
  new PosSimulator(feed, opts);
