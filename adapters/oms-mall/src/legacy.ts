/**
 * What the mall OMS answers: Taobao TOP-style records (the OMS also relays Taobao marketplace
 * trades, so it kept Taobao's field names for its own mall and app orders too).
 */

/** One line of a trade (`orders.order[]`). */
export interface TopOrderLine {
  oid?: number;
  oid_str: string;
  /** the merchant's SKU code */
  outer_iid: string;
  title: string;
  /** a number, but some relayed Taobao lines carry it as a string */
  num: number | string;
  /** unit price, yuan string "12.50" */
  price: string;
  /** num × price, yuan string (informational) */
  total_fee: string;
}

export interface TopTrade {
  /** 64-bit number: above 2^53 it loses precision in JSON, so `tid_str` is the real id */
  tid?: number;
  tid_str: string;
  /** TAOBAO | MALL | APP: where the OMS got the trade from */
  platform: string;
  status: string;
  /** mall/app account or Taobao nick; "" for a guest checkout */
  buyer_nick: string;
  receiver_name?: string;
  /** mall: as typed by the customer; Taobao: masked (138****5678) */
  receiver_mobile?: string;
  /** pickup / guide store for O2O orders */
  o2o_shop_id?: string;
  /** order total, yuan string */
  payment: string;
  /** "yyyy-MM-dd HH:mm:ss", China time (UTC+8) */
  created: string;
  modified: string;
  orders: { order: TopOrderLine[] };
}

export interface TopRefund {
  refund_id: string;
  tid?: number;
  tid_str: string;
  platform: string;
  /** WAIT_SELLER_AGREE … SUCCESS; only SUCCESS is a refund for the platform */
  status: string;
  /** yuan string */
  refund_fee: string;
  reason?: string;
  created: string;
  /** last change: the feed position */
  modified: string;
  /** when the money went back; set once the refund is SUCCESS */
  success_time?: string;
}

/** A row of the incremental feed `zt.oms.increment.get`. */
export type FeedRecord = { biz_type: 'TRADE'; trade: TopTrade } | { biz_type: 'REFUND'; refund: TopRefund };

/** Position of a row in the feed: ordered by `modified`, then by this key. */
export function feedKey(r: FeedRecord): string {
  return r.biz_type === 'TRADE' ? `TRADE:${r.trade.tid_str}` : `REFUND:${r.refund.refund_id}`;
}

export function feedModified(r: FeedRecord): string {
  return r.biz_type === 'TRADE' ? r.trade.modified : r.refund.modified;
}

/** TOP-style error answer (sent with HTTP 200). */
export interface TopError {
  error_response: { code: number; msg: string; sub_code?: string; sub_msg?: string };
}

export interface IncrementGetResponse {
  oms_increment_get_response: {
    total_results: number;
    has_next: boolean;
    /** omitted altogether when there is nothing (a TOP habit) */
    records?: { record: FeedRecord[] };
  };
}
