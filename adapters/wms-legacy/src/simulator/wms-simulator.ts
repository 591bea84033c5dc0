import type { StockLevel } from '@zhongtai/contracts';
import { type SimRequest, type SimResponse, Simulator, seededRandom } from '@zhongtai/adapter-kit';
import { milliToQuantity, numberToMilli, toWmsTime } from '../legacy-format.js';
import type { WmsStockRow } from '../mapping.js';

export interface WmsSimulatorOptions {
  /** platform location id → WMS code, the same map the adapter is given */
  locations: Record<string, string>;
  /** seeds how stock is split into lots and the fault plan's dice */
  seed?: number;
  /** the WMS's clock (answers for unknown pairs, ping) */
  now?: () => Date;
}

const MAX_BATCH = 50;
const ok = (extra: Record<string, unknown>): SimResponse => ({
  body: { flag: 'success', code: '0', message: '', ...extra },
});
const failure = (code: string, message: string): SimResponse => ({
  body: { flag: 'failure', code, message },
});

/**
 * The legacy WMS: `POST /wms/api/kc/query` with `{ qqsj, mx: [{ spbm, ckbm }] }` (≤ 50 pairs)
 * answers `kcmx` lot rows in its own table order; `GET /wms/api/ping`. Errors are HTTP 200 with
 * `flag: "failure"`. `batches` records the size of every stock query it received.
 */
export class WmsLegacySimulator extends Simulator {
  readonly batches: number[];

  constructor(stock: StockLevel[], opts: WmsSimulatorOptions) {
    const rows = toLotRows(stock, opts.locations, opts.seed ?? 42);
    const byPair = new Map<string, WmsStockRow[]>();
    for (const r of rows) {
      const k = `${r.spbm.trim()}\u0000${r.ckbm}`;
      byPair.set(k, [...(byPair.get(k) ?? []), r]);
    }
    const batches: number[] = [];
    const now = opts.now ?? (() => new Date());
    super('wms-legacy', (req) => handle(req, byPair, batches, now), { seed: opts.seed });
    this.batches = batches;
  }
}

function handle(
  req: SimRequest,
  byPair: Map<string, WmsStockRow[]>,
  batches: number[],
  now: () => Date,
): SimResponse {
  if (req.method === 'GET' && req.path === '/wms/api/ping')
    return ok({ message: 'pong', fwqsj: toWmsTime(now()) });
  if (req.method !== 'POST' || req.path !== '/wms/api/kc/query')
    return { status: 404, body: { flag: 'failure', code: 'E404', message: '接口不存在' } };
  let body: { mx?: unknown };
  try {
    body = JSON.parse(req.body) as { mx?: unknown };
  } catch {
    return failure('E100', '报文格式错误');
  }
  const mx = body?.mx;
  if (!Array.isArray(mx) || !mx.length) return failure('E102', '查询明细为空');
  if (mx.length > MAX_BATCH) return failure('E101', `单次最多查询${MAX_BATCH}条`);
  batches.push(mx.length);
  const out: WmsStockRow[] = [];
  const seen = new Set<string>();
  for (const q of mx as { spbm?: unknown; ckbm?: unknown }[]) {
    if (typeof q?.spbm !== 'string' || typeof q?.ckbm !== 'string')
      return failure('E102', '商品编码或仓库编码缺失');
    const k = `${q.spbm.trim()}\u0000${q.ckbm.trim()}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const hit = byPair.get(k);
    out.push(
      ...(hit ?? [
        { spbm: q.spbm, ckbm: q.ckbm, pch: '', kcsl: '0.000', sdsl: '0.000', gxsj: toWmsTime(now()) },
      ]),
    );
  }
  // table order (location, SKU, lot), not the order asked
  out.sort(
    (a, b) =>
      a.ckbm.localeCompare(b.ckbm) ||
      a.spbm.localeCompare(b.spbm) ||
      (a.pch ?? '').localeCompare(b.pch ?? ''),
  );
  return ok({ kcmx: out });
}

/**
 * Normalised stock → the WMS's lot rows (the inverse of the adapter's mapping): each level split
 * into 1–3 lots whose quantities add up exactly; the newest lot moved at `asOf`, older ones before.
 */
export function toLotRows(stock: StockLevel[], locations: Record<string, string>, seed = 42): WmsStockRow[] {
  const rnd = seededRandom(seed);
  for (let i = 0; i < 4; i++) rnd(); // a small seed's first draws are tiny
  return stock.flatMap((level) => {
    const ckbm = locations[level.locationId];
    if (!ckbm) throw new Error(`wms simulator: no WMS code for location ${level.locationId}`);
    const onHand = numberToMilli(level.onHand);
    const locked = onHand - numberToMilli(level.available);
    const lots = 1 + Math.floor(rnd() * 3);
    // piece goods split into whole pieces, goods sold by weight into grams
    const unit = onHand % 1000 === 0 && locked % 1000 === 0 ? 1000 : 1;
    const part = (rest: number) => Math.floor((rest / unit) * rnd() * 0.5) * unit;
    const rows: WmsStockRow[] = [];
    let restOnHand = onHand;
    let restLocked = locked;
    for (let i = 0; i < lots; i++) {
      const last = i === lots - 1;
      const h = last ? restOnHand : part(restOnHand);
      const l = last ? restLocked : part(restLocked);
      restOnHand -= h;
      restLocked -= l;
      const movedAt = new Date(
        new Date(level.asOf).getTime() - (lots - 1 - i) * 3_600_000 * (1 + Math.floor(rnd() * 48)),
      );
      rows.push({
        spbm: level.sku.padEnd(20, ' '),
        ckbm,
        pch: `P${toWmsTime(movedAt).slice(0, 8)}${String(i + 1).padStart(2, '0')}`,
        kcsl: milliToQuantity(h),
        sdsl: milliToQuantity(l),
        gxsj: toWmsTime(movedAt),
      });
    }
    return rows;
  });
}

/** Starts nothing: `await sim.start()` (port 0 by default) and pass `sim.url` to the adapter. */
export function createWmsLegacySimulator(stock: StockLevel[], opts: WmsSimulatorOptions): WmsLegacySimulator {
  return new WmsLegacySimulator(stock, opts);
}
