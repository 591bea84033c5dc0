import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { DOC_TYPES, type PosRow } from './legacy.js';
import { fromLegacyTime, mappingError, parseQuantity, yuanToFen } from './legacy-format.js';

/** The `source` of every record this adapter produces. */
export const POS_SOURCE = 'pos';
/** The POS sells in yuan only. */
export const POS_CURRENCY = 'CNY';

export interface PosMappingOptions {
  /** POS store code (门店编码) → platform store id; codes not listed are used as they are */
  storeCodes?: Readonly<Record<string, string>>;
}

/** A card number, or null when none was scanned (blank, or the zeros some tills write). */
export function cardNumber(hykh: string): string | null {
  const card = hykh.trim();
  return card && !/^0+$/.test(card) ? card : null;
}

/** The coupon codes of a receipt (优惠券码): separated by commas or semicolons (either width), each once. */
export function couponCodes(yhqm: string): string[] {
  return [
    ...new Set(
      yhqm
        .split(/[,;，；]/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

export function storeIdOf(mdbm: string, opts: PosMappingOptions, what: string): string {
  const code = mdbm.trim();
  if (!code) throw mappingError(`${what}: no store code (mdbm)`);
  return opts.storeCodes?.[code] ?? code;
}

function receipt(raw: string, what: string): string {
  const r = raw.trim();
  if (!r) throw mappingError(`${what}: no receipt number`);
  return r;
}

function sale(row: PosRow, opts: PosMappingOptions): NormalisedOrder {
  const externalId = receipt(row.xpbh, `sale ${row.lsh}`);
  const what = `sale ${externalId} (serial ${row.lsh})`;
  const storeId = storeIdOf(row.mdbm, opts, what);
  const order: NormalisedOrder = {
    source: POS_SOURCE,
    externalId,
    channel: 'STORE',
    storeId,
    lines: row.mx.map((l, i) => {
      const sku = l.spbm.trim();
      if (!sku) throw mappingError(`${what}: line ${i + 1} has no SKU`);
      const unitPrice = yuanToFen(l.dj, `${what} line ${i + 1} price`);
      if (unitPrice < 0) throw mappingError(`${what}: line ${i + 1} has a negative price`);
      return { sku, quantity: parseQuantity(l.sl, `${what} line ${i + 1}`), unitPrice };
    }),
    currency: POS_CURRENCY,
    placedAt: fromLegacyTime(row.jysj, `${what} time`),
    status: 'COMPLETED',
  };
  const card = cardNumber(row.hykh);
  if (card) order.buyer = { channel: 'STORE', externalId: card };
  const coupons = couponCodes(row.yhqm);
  if (coupons.length) order.couponCodes = coupons;
  return order;
}

function ret(row: PosRow): NormalisedRefund {
  const refundId = receipt(row.xpbh, `return ${row.lsh}`);
  const what = `return ${refundId} (serial ${row.lsh})`;
  const orderExternalId = row.ysxph.trim();
  if (!orderExternalId) throw mappingError(`${what}: no original receipt (ysxph)`);
  const refund: NormalisedRefund = {
    source: POS_SOURCE,
    orderExternalId,
    refundId,
    // returns are booked as negative totals; the refund is the amount given back
    amount: Math.abs(yuanToFen(row.hjje, `${what} amount`)),
    refundedAt: fromLegacyTime(row.jysj, `${what} time`),
  };
  const reason = row.thyy.trim();
  if (reason) refund.reason = reason;
  return refund;
}

/**
 * One row of the sales feed → an order (sale), a refund (return), or null for rows that are not
 * sales: voided receipts (作废) and shift handovers (交班). Unknown document types or flags fail.
 */
export function mapSaleRow(
  row: PosRow,
  opts: PosMappingOptions = {},
): NormalisedOrder | NormalisedRefund | null {
  const voided = row.zfbz.trim();
  if (voided !== '' && voided !== '0' && voided !== '1')
    throw mappingError(`serial ${row.lsh}: unknown void flag (zfbz) ${JSON.stringify(row.zfbz)}`);
  const type = row.djlx.trim();
  if (type === DOC_TYPES.SHIFT) return null;
  if (type !== DOC_TYPES.SALE && type !== DOC_TYPES.RETURN)
    throw mappingError(`serial ${row.lsh}: unknown document type (djlx) ${JSON.stringify(row.djlx)}`);
  if (voided === '1') return null;
  return type === DOC_TYPES.SALE ? sale(row, opts) : ret(row);
}
