import type {
  NormalisedMember,
  NormalisedOrder,
  NormalisedPointBalance,
  NormalisedRefund,
  StockLevel,
  WechatEvent,
} from '@zhongtai/contracts';
import type { ServiceCall } from '@zhongtai/subgraph-kit';

/**
 * Where normalised legacy records enter the platform: its public GraphQL operations, as a SYSTEM
 * caller of the tenant — the same path (and the same idempotency by natural keys) as any client.
 */
export class PlatformSink {
  constructor(
    private readonly call: ServiceCall,
    readonly tenant: string,
  ) {}

  async member(m: NormalisedMember): Promise<string> {
    const r = await this.call<{ identifyMember: { member: { id: string } } }>(
      this.tenant,
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      {
        i: {
          channel: m.channel,
          externalId: m.externalId,
          phone: m.phone ?? null,
          displayName: m.displayName ?? null,
          storeId: m.storeId ?? null,
        },
      },
    );
    return r.identifyMember.member.id;
  }

  async order(o: NormalisedOrder): Promise<{ orderId: string; created: boolean }> {
    const r = await this.call<{ ingestOrder: { created: boolean; order: { id: string } } }>(
      this.tenant,
      'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created order { id } } }',
      {
        i: {
          source: o.source,
          externalId: o.externalId,
          channel: o.channel,
          storeId: o.storeId ?? null,
          buyer: o.buyer ?? null,
          lines: o.lines,
          currency: o.currency,
          placedAt: o.placedAt,
          status: o.status,
          historical: o.historical ?? false,
        },
      },
    );
    return { orderId: r.ingestOrder.order.id, created: r.ingestOrder.created };
  }

  async refund(r: NormalisedRefund): Promise<void> {
    await this.call(this.tenant, 'mutation($i: IngestRefundInput!) { ingestRefund(input: $i) { id } }', {
      i: {
        source: r.source,
        orderExternalId: r.orderExternalId,
        refundId: r.refundId,
        amount: r.amount,
        reason: r.reason ?? null,
      },
    });
  }

  /** A legacy balance becomes an opening balance of the member the legacy id identifies. */
  async openingBalance(b: NormalisedPointBalance, source: string): Promise<void> {
    const memberId = await this.member({ source, externalId: b.memberExternalId, channel: b.channel });
    await this.call(
      this.tenant,
      'mutation($i: OpeningBalanceInput!) { importOpeningBalance(input: $i) { id } }',
      {
        i: { memberId, points: b.balance, source, legacyRef: b.memberExternalId, asOf: b.asOf },
      },
    );
  }

  async stock(s: StockLevel): Promise<void> {
    await this.call(this.tenant, 'mutation($i: StockLevelInput!) { recordStock(input: $i) }', {
      i: { sku: s.sku, locationId: s.locationId, onHand: s.onHand, available: s.available, asOf: s.asOf },
    });
  }

  /** A WeChat follow or QR scan identifies the follower (in the store of the QR code, if any). */
  async wechat(e: WechatEvent): Promise<string | null> {
    if (e.kind === 'UNFOLLOW') return null;
    return this.member({ source: 'wechat', externalId: e.openId, channel: 'WECHAT', storeId: e.storeId });
  }

  /** Any normalised record from an order feed. */
  async orderFeed(item: NormalisedOrder | NormalisedRefund): Promise<void> {
    if ('refundId' in item) await this.refund(item);
    else await this.order(item);
  }
}
