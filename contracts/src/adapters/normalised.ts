import type { Channel } from '../channels.js';

/** A customer as a legacy system knows them, normalised. */
export interface NormalisedMember {
  source: string;
  externalId: string;
  channel: Channel;
  phone?: string;
  displayName?: string;
  storeId?: string;
  joinedAt?: string;
}

/** An order as a legacy system reports it, normalised (mirrors `IngestOrderInput`). */
export interface NormalisedOrder {
  source: string;
  externalId: string;
  channel: Channel;
  storeId?: string;
  buyer?: { channel: Channel; externalId: string; phone?: string; displayName?: string; storeId?: string };
  lines: { sku: string; quantity: number; unitPrice: number }[];
  currency: string;
  placedAt: string;
  status: 'PLACED' | 'COMPLETED' | 'CANCELLED';
  /** a historical order from a bulk import: counted in history and metrics, earns no points */
  historical?: boolean;
  /** coupon codes the till accepted on this receipt (redeemed at `storeId` when the order is taken in) */
  couponCodes?: string[];
}

export interface NormalisedRefund {
  source: string;
  /** the order's external id in the source system */
  orderExternalId: string;
  refundId: string;
  amount: number;
  reason?: string;
  refundedAt: string;
}

export interface NormalisedPointBalance {
  source: string;
  memberExternalId: string;
  channel: Channel;
  balance: number;
  asOf: string;
}

export interface StockLevel {
  sku: string;
  locationId: string;
  onHand: number;
  available: number;
  asOf: string;
}

export interface OutboundNotification {
  /** idempotency key: the same key is delivered at most once */
  key: string;
  tenant: string;
  channel: 'SMS' | 'EMAIL' | 'WECHAT_TEMPLATE';
  to: string;
  template: string;
  params: Record<string, string>;
}

export interface WechatEvent {
  kind: 'FOLLOW' | 'UNFOLLOW' | 'SCAN';
  openId: string;
  /** scene value of a store QR code, if any */
  storeId?: string;
  occurredAt: string;
  /** the platform's message id: duplicates share it */
  messageId: string;
}
