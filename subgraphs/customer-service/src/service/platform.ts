import type { Reachability } from '@zhongtai/contracts';
import {
  CONTACT_FIELDS,
  type ContactView,
  MAX_SKU_CODES,
  STOCK_FIELDS,
  type ServiceCall,
  type StockRow,
  availableOf,
  memberReach,
  reachOf,
  skusInStock,
} from '@zhongtai/subgraph-kit';

const MEMBER = `query($id: ID!, $orders: Int!, $codes: [String!]!, $store: ID) { member(id: $id) { ${CONTACT_FIELDS}
  orders(first: $orders) { nodes { placedAt lines { sku { code } } } } feed(channel: APP, first: 10) { id kind } }
  skus(codes: $codes) { ${STOCK_FIELDS} } }`;
/** SKUs whose stock one request asks for (inventory's `skus` takes at most 100) */
export const STOCK_BATCH = MAX_SKU_CODES;

interface MemberView extends ContactView {
  id: string;
  orders: { nodes: Array<{ placedAt: string; lines: Array<{ sku: { code: string } }> }> };
  feed: Array<{ id: string; kind: string }>;
}

/** What customer service knows of a member from the rest of the platform, read in one call. */
export interface MemberContext {
  /** the member's id now (the survivor when merged) */
  memberId: string;
  reach: Reachability;
  /** SKUs bought since `since` */
  boughtSince(since: Date): Set<string>;
  /** promotions and store invitations in its feed */
  promotions: string[];
  /** which of the SKUs asked for have stock available at the store asked for (R-IN-2) */
  inStock: Set<string>;
}

/**
 * The other subgraphs' data customer service acts on, through the gateway as a SYSTEM service
 * (subgraphs never read each other's collections): the member's contact, consent, recent orders
 * and feed in one query (the gateway fans it out), stock of candidate SKUs at a store in another.
 */
export class Platform {
  constructor(private readonly call?: ServiceCall) {}

  private get api(): ServiceCall {
    if (!this.call)
      throw new Error('customer service needs the gateway (GATEWAY_URL) to reach members, orders and stock');
    return this.call;
  }

  /** Only how the member is reached (contact and consent): what sending a message needs. */
  async reach(tenant: string, memberId: string): Promise<Reachability | null> {
    return memberReach(this.api, tenant, memberId);
  }

  /**
   * The member's contact, recent orders and feed, with the stock of up to `STOCK_BATCH` SKUs at a
   * store, in one query (the gateway asks the member center, orders, content and inventory at once).
   */
  async member(
    tenant: string,
    memberId: string,
    stock: { skus: string[]; storeId: string | null } = { skus: [], storeId: null },
  ): Promise<MemberContext | null> {
    const r = await this.api<{ member: MemberView | null; skus: StockRow[] }>(tenant, MEMBER, {
      id: memberId,
      orders: 50,
      codes: stock.skus.slice(0, STOCK_BATCH),
      store: stock.storeId,
    });
    const m = r.member;
    if (!m) return null;
    return {
      memberId: m.id,
      reach: reachOf(m),
      boughtSince: (since) =>
        new Set(
          m.orders.nodes
            .filter((o) => new Date(o.placedAt) >= since)
            .flatMap((o) => o.lines.map((l) => l.sku.code)),
        ),
      promotions: m.feed
        .filter((c) => c.kind === 'PROMOTION' || c.kind === 'STORE_INVITATION')
        .map((c) => c.id),
      inStock: availableOf(r.skus),
    };
  }

  /** Which of `skus` (at most `STOCK_BATCH`) have stock available at the store (R-IN-2), in one query. */
  inStock(tenant: string, skus: string[], storeId: string | null): Promise<Set<string>> {
    return skusInStock(this.api, tenant, skus, [storeId]);
  }

  /** Every member of a segment (HQ's saved segments in the member center), with the store it joined at. */
  async segmentMembers(
    tenant: string,
    segmentId: string,
    max: number,
  ): Promise<Array<{ id: string; storeId: string | null }> | null> {
    const out: Array<{ id: string; storeId: string | null }> = [];
    let after: string | null = null;
    do {
      const r: SegmentPage = await this.api<SegmentPage>(tenant, SEGMENT, { id: segmentId, after });
      if (!r.segment) return null;
      for (const m of r.segment.members.nodes) out.push({ id: m.id, storeId: m.joinedStore?.id ?? null });
      after = r.segment.members.pageInfo.hasNextPage ? r.segment.members.pageInfo.endCursor : null;
    } while (after && out.length < max);
    return out.slice(0, max);
  }
}

const SEGMENT = `query($id: ID!, $after: String) { segment(id: $id) { members(first: 100, after: $after) {
  nodes { id joinedStore { id } } pageInfo { hasNextPage endCursor } } } }`;
type SegmentPage = {
  segment: {
    members: {
      nodes: Array<{ id: string; joinedStore: { id: string } | null }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
};
