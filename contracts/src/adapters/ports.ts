import type { Adapter, Page } from './adapter.js';
import type {
  NormalisedMember,
  NormalisedOrder,
  NormalisedPointBalance,
  NormalisedRefund,
  OutboundNotification,
  StockLevel,
  WechatEvent,
} from './normalised.js';

/** An old CRM or ERP that holds members and their point balances. */
export interface MemberSourceAdapter extends Adapter {
  readonly kind: 'member-source';
  listMembers(cursor: string | null): Promise<Page<NormalisedMember>>;
  listPointBalances(cursor: string | null): Promise<Page<NormalisedPointBalance>>;
  getPointBalance(memberExternalId: string): Promise<NormalisedPointBalance | null>;
}

/** Store POS sales (and returns), pulled incrementally. */
export interface PosAdapter extends Adapter {
  readonly kind: 'pos';
  listSales(cursor: string | null): Promise<Page<NormalisedOrder | NormalisedRefund>>;
}

/** Online OMS and marketplace orders: pulled, or pushed by signed webhooks. */
export interface OmsAdapter extends Adapter {
  readonly kind: 'oms';
  listOrders(cursor: string | null): Promise<Page<NormalisedOrder | NormalisedRefund>>;
  /** verifies the signature and parses a webhook body; throws UNAUTHENTICATED on a bad signature */
  parseWebhook(headers: Record<string, string>, body: string): NormalisedOrder | NormalisedRefund;
}

/** Warehouse stock per SKU and location. */
export interface WmsAdapter extends Adapter {
  readonly kind: 'wms';
  getStock(items: { sku: string; locationId: string }[]): Promise<StockLevel[]>;
}

/** SMS, e-mail and WeChat template messages. */
export interface NotificationAdapter extends Adapter {
  readonly kind: 'notification';
  send(message: OutboundNotification): Promise<{ providerMessageId: string }>;
}

/** WeChat service-account follow and QR-scan events. */
export interface WechatAdapter extends Adapter {
  readonly kind: 'wechat';
  parseWebhook(headers: Record<string, string>, body: string): WechatEvent;
}
