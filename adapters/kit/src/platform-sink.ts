import {
  type Channel,
  ErrorCode,
  type NormalisedMember,
  type NormalisedOrder,
  type NormalisedPointBalance,
  type NormalisedRefund,
  type StockLevel,
  type WechatEvent,
} from '@zhongtai/contracts';
import type { ServiceCall } from '@zhongtai/subgraph-kit';

/** A coupon code on a receipt that the platform would not redeem, and why (its error code). */
export interface RefusedCoupon {
  code: string;
  reason: string;
  message: string;
}

/** What `importOrders` answers for a batch. */
export interface ImportedOrders {
  created: number;
  existing: number;
  rejected: Array<{ index: number; code: string; message: string }>;
}

/** A normalised member as `IdentifyMemberInput`. */
const memberInputOf = (m: NormalisedMember) => ({
  channel: m.channel,
  externalId: m.externalId,
  phone: m.phone ?? null,
  displayName: m.displayName ?? null,
  storeId: m.storeId ?? null,
});

/** A normalised order as `IngestOrderInput`. */
const orderInputOf = (o: NormalisedOrder) => ({
  source: o.source,
  externalId: o.externalId,
  channel: o.channel,
  storeId: o.storeId ?? null,
  buyer: o.buyer ?? null,
  lines: o.lines,
  currency: o.currency,
  placedAt: o.placedAt,
  status: o.status,
});

const REFUSALS = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT]);

/**
 * Where normalised legacy records enter the platform: its public GraphQL operations, as a SYSTEM
 * caller of the tenant — the same path (and the same idempotency by natural keys) as any client.
 */
export class PlatformSink {
  constructor(
    private readonly call: ServiceCall,
    readonly tenant: string,
  ) {}

  /** `consents`: channels the customer opted into as it was met (a WeChat follow: WECHAT). */
  async member(m: NormalisedMember, consents?: Channel[]): Promise<string> {
    const r = await this.call<{ identifyMember: { member: { id: string } } }>(
      this.tenant,
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      {
        i: { ...memberInputOf(m), ...(consents?.length ? { consents } : {}) },
      },
    );
    return r.identifyMember.member.id;
  }

  /**
   * Many customers at once (`identifyMembers`, SYSTEM; at most 500): each as `member` identifies it,
   * answered by index — the refused ones listed with the code the platform gave them.
   */
  async members(
    ms: NormalisedMember[],
  ): Promise<{ memberIds: Array<string | null>; rejected: ImportedOrders['rejected'] }> {
    const r = await this.call<{
      identifyMembers: Array<{ memberId: string | null; code: string | null; message: string | null }>;
    }>(
      this.tenant,
      'mutation($i: [IdentifyMemberInput!]!) { identifyMembers(inputs: $i) { memberId code message } }',
      {
        i: ms.map(memberInputOf),
      },
    );
    return {
      memberIds: r.identifyMembers.map((a) => a.memberId),
      rejected: r.identifyMembers.flatMap((a, index) =>
        a.code ? [{ index, code: a.code, message: a.message ?? a.code }] : [],
      ),
    };
  }

  /**
   * Many legacy balances at once, each from its own `source`: their members identified with one
   * `identifyMembers`, then the balances imported with one `importOpeningBalances` (SYSTEM; each as
   * `openingBalance` does it), answered by index — a refused row with the code the platform gave it.
   */
  async openingBalances(bs: NormalisedPointBalance[]): Promise<{ rejected: ImportedOrders['rejected'] }> {
    const found = await this.members(
      bs.map((b) => ({ source: b.source, externalId: b.memberExternalId, channel: b.channel })),
    );
    const rows = bs.flatMap((b, index) => {
      const memberId = found.memberIds[index];
      const i = {
        memberId,
        points: b.balance,
        source: b.source,
        legacyRef: b.memberExternalId,
        asOf: b.asOf,
      };
      return memberId ? [{ index, i }] : [];
    });
    const r = rows.length
      ? await this.call<{ importOpeningBalances: Array<{ code: string | null; message: string | null }> }>(
          this.tenant,
          'mutation($i: [OpeningBalanceInput!]!) { importOpeningBalances(inputs: $i) { code message } }',
          { i: rows.map((x) => x.i) },
        )
      : { importOpeningBalances: [] };
    return {
      rejected: [
        ...found.rejected,
        ...r.importOpeningBalances.flatMap((a, k) =>
          a.code ? [{ index: rows[k].index, code: a.code, message: a.message ?? a.code }] : [],
        ),
      ],
    };
  }

  async order(
    o: NormalisedOrder,
  ): Promise<{ orderId: string; created: boolean; couponsRefused: RefusedCoupon[] }> {
    const r = await this.call<{ ingestOrder: { created: boolean; order: { id: string } } }>(
      this.tenant,
      'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created order { id } } }',
      {
        i: { ...orderInputOf(o), historical: o.historical ?? false },
      },
    );
    const orderId = r.ingestOrder.order.id;
    const couponsRefused = o.storeId ? await this.redeemCoupons(o.couponCodes ?? [], o.storeId, orderId) : [];
    return { orderId, created: r.ingestOrder.created, couponsRefused };
  }

  /**
   * Historical orders in one batch (`importOrders`, up to 500; no points): how many were written, how
   * many were known already, and the ones refused with their position and error code.
   */
  async importOrders(orders: NormalisedOrder[]): Promise<ImportedOrders> {
    const r = await this.call<{ importOrders: ImportedOrders }>(
      this.tenant,
      'mutation($i: ImportOrdersInput!) { importOrders(input: $i) { created existing rejected { index code message } } }',
      {
        i: {
          orders: orders.map(orderInputOf),
        },
      },
    );
    return r.importOrders;
  }

  /**
   * The coupons a till accepted on a receipt, redeemed at its store for the order (R-CT-4; a campaign's
   * coupon counts the purchase for its campaign): `redeemCoupon` answers
   * a coupon redeemed at that store before with the same coupon, so a page read again redeems
   * nothing twice. What the platform refuses (unknown, expired, redeemed at another store) is
   * answered, not thrown: the sale happened, and one bad code must not hold up the feed behind it.
   */
  private async redeemCoupons(codes: string[], storeId: string, orderId: string): Promise<RefusedCoupon[]> {
    const refused: RefusedCoupon[] = [];
    for (const code of codes) {
      try {
        await this.call(
          this.tenant,
          'mutation($c: String!, $s: ID!, $o: ID) { redeemCoupon(code: $c, storeId: $s, orderId: $o) { id } }',
          { c: code, s: storeId, o: orderId },
        );
      } catch (error) {
        const reason = (error as { code?: string }).code;
        if (!reason || !REFUSALS.has(reason)) throw error;
        refused.push({ code, reason, message: (error as Error).message });
      }
    }
    return refused;
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

  /**
   * A WeChat follow or QR scan identifies the follower (in the store of the QR code, if any). Only a
   * follower sends either, and following the account opts into its messages: WECHAT consent, where the
   * member has made no choice on WeChat yet (so a QR join's welcome goes out on WeChat at once).
   */
  async wechat(e: WechatEvent): Promise<string | null> {
    if (e.kind === 'UNFOLLOW') return null;
    return this.member({ source: 'wechat', externalId: e.openId, channel: 'WECHAT', storeId: e.storeId }, [
      'WECHAT',
    ]);
  }

  /** Any normalised record from an order feed. */
  async orderFeed(item: NormalisedOrder | NormalisedRefund): Promise<RefusedCoupon[]> {
    if (!('refundId' in item)) return (await this.order(item)).couponsRefused;
    await this.refund(item);
    return [];
  }
}
