import type { StockLevel } from '@zhongtai/contracts';
import { z } from 'zod';
import { quantityToMilli, wmsTimeToIso } from './legacy-format.js';

/**
 * One stock row as the WMS answers it (库存明细 `kcmx`): one row per lot (批次), so a SKU at a
 * location may come back as several rows that the adapter adds up.
 */
export const WmsStockRowSchema = z.object({
  /** 商品编码: the SKU, right-padded with blanks (a CHAR(20) column) */
  spbm: z.string(),
  /** 仓库编码: the WMS's own location code, e.g. "SH001" */
  ckbm: z.string(),
  /** 批次号: the lot; empty for a pair the WMS does not know */
  pch: z.string().optional(),
  /** 库存数量: on hand, decimal string */
  kcsl: z.string(),
  /** 锁定数量: allocated to orders not yet picked; available = kcsl − sdsl */
  sdsl: z.string(),
  /** 更新时间: last movement of the lot, yyyyMMddHHmmss UTC+8 */
  gxsj: z.string(),
});
export type WmsStockRow = z.infer<typeof WmsStockRowSchema>;

/** The WMS envelope: HTTP 200 for everything, `flag` says whether it worked. */
export const WmsReplySchema = z.object({
  flag: z.enum(['success', 'failure']),
  code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().optional().default(''),
  kcmx: z.array(WmsStockRowSchema).optional(),
});
export type WmsReply = z.infer<typeof WmsReplySchema>;

/** A reply the adapter cannot map (unknown code, malformed value): its message says what and where. */
export class WmsMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WmsMappingError';
  }
}

export const pairKey = (sku: string, locationId: string) => `${sku.trim()}\u0000${locationId}`;

/** Reads a raw reply: the stock rows on success; a refusal (`flag: failure`) or a malformed reply throws. */
export function parseStockReply(body: unknown): WmsStockRow[] {
  const parsed = WmsReplySchema.safeParse(body);
  if (!parsed.success)
    throw new WmsMappingError(`malformed stock reply: ${z.prettifyError(parsed.error).slice(0, 300)}`);
  if (parsed.data.flag === 'failure')
    throw new WmsMappingError(`the WMS refused the query (${parsed.data.code}: ${parsed.data.message})`);
  return parsed.data.kcmx ?? [];
}

/**
 * Lot rows → one StockLevel per (sku, location): on hand and available summed in thousandths,
 * `asOf` the latest lot movement. `locationOf` maps WMS codes back to platform location ids.
 */
export function mapStockRows(rows: WmsStockRow[], locationOf: Map<string, string>): Map<string, StockLevel> {
  const acc = new Map<
    string,
    { sku: string; locationId: string; onHand: number; free: number; at: string }
  >();
  rows.forEach((row, i) => {
    const where = `row ${i} (${row.spbm.trim()}@${row.ckbm.trim()})`;
    const sku = row.spbm.trim();
    if (!sku) throw new WmsMappingError(`${where}: empty spbm`);
    const locationId = locationOf.get(row.ckbm.trim());
    if (!locationId) throw new WmsMappingError(`${where}: unknown location code ${JSON.stringify(row.ckbm)}`);
    let onHand: number, locked: number, at: string;
    try {
      onHand = quantityToMilli(row.kcsl);
      locked = quantityToMilli(row.sdsl);
      at = wmsTimeToIso(row.gxsj);
    } catch (error) {
      throw new WmsMappingError(`${where}: ${(error as Error).message}`);
    }
    const key = pairKey(sku, locationId);
    const prev = acc.get(key);
    if (!prev) acc.set(key, { sku, locationId, onHand, free: onHand - locked, at });
    else {
      prev.onHand += onHand;
      prev.free += onHand - locked;
      if (at > prev.at) prev.at = at;
    }
  });
  const out = new Map<string, StockLevel>();
  for (const [key, a] of acc)
    out.set(key, {
      sku: a.sku,
      locationId: a.locationId,
      onHand: a.onHand / 1000,
      available: a.free / 1000,
      asOf: a.at,
    });
  return out;
}

/**
 * The answer in the order asked (duplicates kept): a pair the WMS has no row for — or whose
 * location has no WMS code — is zero stock as of `now`, which is what the WMS itself answers.
 */
export function answerInOrder(
  asked: { sku: string; locationId: string }[],
  found: Map<string, StockLevel>,
  now: Date,
): StockLevel[] {
  const asOf = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
  return asked.map(({ sku, locationId }) => {
    const hit = found.get(pairKey(sku, locationId));
    return hit ? { ...hit, sku, locationId } : { sku, locationId, onHand: 0, available: 0, asOf };
  });
}
