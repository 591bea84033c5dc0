import type { E2E } from './harness.js';

/** The operations the stories send, as a channel app or an adapter would. */
export const IDENTIFY = `mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) {
  created linked member { id phone displayName joinedChannel joinedStore { id } } } }`;
export const INGEST =
  'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created order { id status } } }';
export const MEMBER_VIEW = `query($id: ID!) { member(id: $id) { id phone displayName
  identities { channel externalId } tags { name }
  points { balance pending debt } growth { value }
  orderStats { orderCount totalSpent { amount } } orders(first: 50) { totalCount nodes { id } }
  surveys(first: 50) { totalCount nodes { id } } tickets { id } coupons { id } } }`;

export interface MemberView {
  id: string;
  phone: string | null;
  displayName: string | null;
  identities: Array<{ channel: string; externalId: string }>;
  tags: Array<{ name: string }>;
  points: { balance: number; pending: number; debt: number };
  growth: { value: number };
  orderStats: { orderCount: number; totalSpent: { amount: number } };
  orders: { totalCount: number; nodes: Array<{ id: string }> };
  surveys: { totalCount: number; nodes: Array<{ id: string }> };
  tickets: Array<{ id: string }>;
  coupons: Array<{ id: string }>;
}

let serial = 0;
/** a mobile number no other story of this run uses (166 + 8 digits from the time and a counter) */
export function freshPhone(): string {
  serial = (serial + 1) % 1000;
  return `166${String((Date.now() % 100_000) * 1000 + serial).padStart(8, '0')}`;
}

export async function identify(e2e: E2E, token: string, input: Record<string, unknown>) {
  const r = await e2e.gql<{
    identifyMember: {
      created: boolean;
      linked: boolean;
      member: {
        id: string;
        phone: string | null;
        displayName: string | null;
        joinedStore: { id: string } | null;
      };
    };
  }>(token, IDENTIFY, { i: input });
  return r.identifyMember;
}

export interface Line {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** an order as a POS or an OMS hands it to the platform (SYSTEM), placed now unless told */
export async function ingest(
  e2e: E2E,
  token: string,
  o: {
    externalId: string;
    storeId?: string;
    buyer?: Record<string, unknown>;
    lines: Line[];
    placedAt?: Date;
    channel?: string;
  },
) {
  const r = await e2e.gql<{ ingestOrder: { created: boolean; order: { id: string; status: string } } }>(
    token,
    INGEST,
    {
      i: {
        source: 'e2e-pos',
        channel: o.channel ?? 'STORE',
        externalId: o.externalId,
        storeId: o.storeId,
        buyer: o.buyer,
        lines: o.lines,
        placedAt: (o.placedAt ?? e2e.now()).toISOString(),
      },
    },
  );
  return r.ingestOrder.order;
}

export async function memberView(e2e: E2E, token: string, id: string): Promise<MemberView> {
  return (await e2e.gql<{ member: MemberView }>(token, MEMBER_VIEW, { id })).member;
}

/** an adapter's pull, as its sync job does it: every page from `cursor`, each record handed over in order; the cursor it ended at */
export async function pullFeed<T>(
  read: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
  cursor: string | null,
  hand: (item: T) => Promise<unknown>,
): Promise<string | null> {
  for (;;) {
    const page = await read(cursor);
    for (const item of page.items) await hand(item);
    if (!page.items.length || page.nextCursor === cursor) return cursor;
    cursor = page.nextCursor;
  }
}
