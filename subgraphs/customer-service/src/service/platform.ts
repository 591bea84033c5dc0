import type { ServiceCall } from '@zhongtai/subgraph-kit';
import type { Reachability } from '../domain/delivery.js';

const CONTACT = 'id phone consents { channel granted } identities { channel externalId }';
const REACH = `query($id: ID!) { member(id: $id) { ${CONTACT} } }`;
const MEMBER = `query($id: ID!, $orders: Int!) { member(id: $id) { ${CONTACT}
  orders(first: $orders) { nodes { placedAt lines { sku { code } } } } feed(channel: APP, first: 10) { id kind } } }`;

type Contact = Pick<MemberView, 'phone' | 'consents' | 'identities'>;
const reachOf = (m: Contact): Reachability => ({
  consents: m.consents,
  phone: m.phone,
  wechatOpenId: m.identities.find((i) => i.channel === 'WECHAT')?.externalId ?? null,
});

interface MemberView {
  id: string;
  phone: string | null;
  consents: Array<{ channel: string; granted: boolean }>;
  identities: Array<{ channel: string; externalId: string }>;
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
    const r = await this.api<{ member: Contact | null }>(tenant, REACH, { id: memberId });
    return r.member && reachOf(r.member);
  }

  async member(tenant: string, memberId: string): Promise<MemberContext | null> {
    const r = await this.api<{ member: MemberView | null }>(tenant, MEMBER, { id: memberId, orders: 50 });
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
    };
  }

  /** Which of `skus` have stock available at the store (R-IN-2), in one query. */
  async inStock(tenant: string, skus: string[], storeId: string | null): Promise<Set<string>> {
    if (!skus.length) return new Set();
    const vars = skus.map((_, i) => `$c${i}: String!`).join(', ');
    const fields = skus
      .map((_, i) => `s${i}: sku(code: $c${i}) { code availability(storeId: $store) { available } }`)
      .join(' ');
    const r = await this.api<Record<string, { code: string; availability: { available: number } } | null>>(
      tenant,
      `query(${vars}, $store: ID) { ${fields} }`,
      { ...Object.fromEntries(skus.map((s, i) => [`c${i}`, s])), store: storeId },
    );
    return new Set(
      Object.values(r)
        .filter((s) => s && s.availability.available > 0)
        .map((s) => s!.code),
    );
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
