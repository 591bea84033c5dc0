import { chinaDashedToIso, decimalToMinor, mainlandMobile } from '@zhongtai/adapter-kit';
import { type Channel, type NormalisedOrder, type NormalisedRefund, badInput } from '@zhongtai/contracts';
import type { FeedRecord, TopOrderLine, TopRefund, TopTrade } from './legacy.js';

/** "12.50" / "12.5" / "12" yuan → 1250 fen, by string arithmetic (no float error). */
export function yuanToFen(raw: string, field = 'amount'): number {
  try {
    return decimalToMinor(raw, 2);
  } catch (error) {
    throw badInput(`${field}: not a yuan amount (${(error as Error).message})`, { field });
  }
}

/** "yyyy-MM-dd HH:mm:ss" in China time (UTC+8, no daylight saving) → ISO UTC. */
export function cstToIso(raw: string, field = 'time'): string {
  try {
    return chinaDashedToIso(raw);
  } catch (error) {
    throw badInput(`${field}: ${(error as Error).message}`, { field });
  }
}

/**
 * A mobile number as the platform keys members by it (the member subgraph's rules): 11 digits,
 * separators and a +86/0086 prefix removed. Taobao masks buyers' numbers (138****5678): those
 * identify nobody and are dropped (`undefined`). Anything else that is not a mobile is an error.
 */
export function normaliseMobile(raw: string | undefined): string | undefined {
  const s = (raw ?? '').trim();
  if (!s || s.includes('*')) return undefined;
  const local = mainlandMobile(s);
  if (!local)
    throw badInput(`receiver_mobile: not a mainland mobile number: ${JSON.stringify(raw)}`, {
      field: 'receiver_mobile',
    });
  return local;
}

const PLATFORMS: Record<string, { source: string; channel: Channel }> = {
  TAOBAO: { source: 'taobao', channel: 'TAOBAO' },
  MALL: { source: 'oms', channel: 'MALL' },
  APP: { source: 'oms', channel: 'APP' },
};

export function mapPlatform(raw: string): { source: string; channel: Channel } {
  const p =
    PLATFORMS[
      String(raw ?? '')
        .trim()
        .toUpperCase()
    ];
  if (!p) throw badInput(`platform: unknown value ${JSON.stringify(raw)} (TAOBAO, MALL or APP)`);
  return p;
}

const TRADE_STATUS: Record<string, NormalisedOrder['status']> = {
  TRADE_NO_CREATE_PAY: 'PLACED',
  WAIT_BUYER_PAY: 'PLACED',
  PAY_PENDING: 'PLACED',
  WAIT_PRE_AUTH_CONFIRM: 'PLACED',
  WAIT_SELLER_SEND_GOODS: 'PLACED',
  SELLER_CONSIGNED_PART: 'PLACED',
  WAIT_BUYER_CONFIRM_GOODS: 'PLACED',
  TRADE_BUYER_SIGNED: 'PLACED',
  TRADE_FINISHED: 'COMPLETED',
  TRADE_CLOSED: 'CANCELLED',
  TRADE_CLOSED_BY_TAOBAO: 'CANCELLED',
};

export function mapTradeStatus(raw: string): NormalisedOrder['status'] {
  const s = TRADE_STATUS[String(raw ?? '').trim()];
  if (!s) throw badInput(`status: unknown trade status ${JSON.stringify(raw)}`, { field: 'status' });
  return s;
}

/** Refund states that are not (or never will be) money back: skipped, they reappear when they change. */
export const PENDING_REFUND_STATUSES = [
  'WAIT_SELLER_AGREE',
  'WAIT_BUYER_RETURN_GOODS',
  'WAIT_SELLER_CONFIRM_GOODS',
  'SELLER_REFUSE_BUYER',
  'CLOSED',
] as const;

function id(raw: unknown, field: string): string {
  const s = String(raw ?? '').trim();
  if (!s) throw badInput(`${field} is missing`, { field });
  return s;
}

function quantity(raw: number | string): number {
  const n = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw badInput(`num: not a positive count: ${JSON.stringify(raw)}`);
  return n;
}

export function mapLine(l: TopOrderLine): NormalisedOrder['lines'][number] {
  const unitPrice = yuanToFen(l.price, 'price');
  if (unitPrice < 0) throw badInput(`price: negative unit price ${l.price}`, { field: 'price' });
  return { sku: id(l.outer_iid, 'outer_iid'), quantity: quantity(l.num), unitPrice };
}

export function mapTrade(t: TopTrade): NormalisedOrder {
  const { source, channel } = mapPlatform(t.platform);
  const externalId = id(t.tid_str, 'tid_str');
  const lines = (t.orders?.order ?? []).map(mapLine);
  if (!lines.length) throw badInput(`trade ${externalId} has no lines`);
  const placedAt = cstToIso(t.created, 'created');
  const status = mapTradeStatus(t.status);
  const order: NormalisedOrder = { source, externalId, channel, lines, currency: 'CNY', placedAt, status };
  const store = (t.o2o_shop_id ?? '').trim();
  if (store) order.storeId = store;
  const nick = (t.buyer_nick ?? '').trim();
  if (nick) {
    const buyer: NonNullable<NormalisedOrder['buyer']> = { channel, externalId: nick };
    const phone = normaliseMobile(t.receiver_mobile);
    if (phone) buyer.phone = phone;
    // mall and app accounts ship to themselves; a Taobao consignee is not the account holder
    const name = (t.receiver_name ?? '').trim();
    if (name && channel !== 'TAOBAO') buyer.displayName = name;
    order.buyer = buyer;
  }
  return order;
}

/** A SUCCESS refund → the platform's refund; a refund still in progress (or closed) → null. */
export function mapRefund(r: TopRefund): NormalisedRefund | null {
  const status = String(r.status ?? '').trim();
  if ((PENDING_REFUND_STATUSES as readonly string[]).includes(status)) return null;
  if (status !== 'SUCCESS') throw badInput(`status: unknown refund status ${JSON.stringify(r.status)}`);
  const refund: NormalisedRefund = {
    source: mapPlatform(r.platform).source,
    orderExternalId: id(r.tid_str, 'tid_str'),
    refundId: id(r.refund_id, 'refund_id'),
    amount: yuanToFen(r.refund_fee, 'refund_fee'),
    refundedAt: cstToIso(r.success_time ?? '', 'success_time'),
  };
  if (refund.amount <= 0) throw badInput(`refund ${refund.refundId}: refund_fee must be positive`);
  const reason = (r.reason ?? '').trim();
  if (reason) refund.reason = reason;
  return refund;
}

/** One feed row (or webhook body) → an order, a refund, or null for a refund not yet final. */
export function mapFeedRecord(r: FeedRecord): NormalisedOrder | NormalisedRefund | null {
  if (r?.biz_type === 'TRADE' && r.trade) return mapTrade(r.trade);
  if (r?.biz_type === 'REFUND' && r.refund) return mapRefund(r.refund);
  throw badInput(`unknown feed record type ${JSON.stringify((r as { biz_type?: unknown })?.biz_type)}`);
}
