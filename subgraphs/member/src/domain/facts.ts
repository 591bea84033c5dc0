/**
 * The profile-facts projection of one member, fed by other subgraphs' events. Each fact is stored
 * keyed by the id of the thing it came from (order, survey), so applying an event twice, or events
 * out of order (a refund before its order), gives the same result.
 */
export interface OrderFact {
  amount?: number;
  /** cumulative refunded amount of the order (the largest seen wins) */
  refunded?: number;
  placedAt?: Date;
  storeId?: string;
}

export interface FactsDoc {
  orders: Record<string, OrderFact>;
  surveys: Record<string, { score: number; at: Date }>;
  /** interactions (campaign clicks, shares, store visits) keyed by event id */
  engagement: Record<string, Date>;
  tier?: string;
}

export interface ProfileFacts {
  orderCount: number;
  /** net of refunds, minor units */
  totalSpent: number;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  tier: string | null;
  /** average survey score 1..5, null without answers */
  satisfaction: number | null;
  /** the latest survey score, null without answers */
  lastSatisfaction: number | null;
  /** interactions in the last 90 days */
  engagement: number;
  /** stores the member bought at */
  purchaseStoreIds: string[];
}

const DAY = 86_400_000;

export function emptyFacts(): FactsDoc {
  return { orders: {}, surveys: {}, engagement: {} };
}

/** Several members' facts as one (a merge group: survivor and everything merged into it). */
export function combineFacts(docs: FactsDoc[]): FactsDoc {
  const out = emptyFacts();
  for (const d of docs) {
    Object.assign(out.orders, d.orders);
    Object.assign(out.surveys, d.surveys);
    Object.assign(out.engagement, d.engagement);
    out.tier = out.tier ?? d.tier;
  }
  return out;
}

export function deriveFacts(doc: FactsDoc, now: Date): ProfileFacts {
  let orderCount = 0;
  let totalSpent = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  const stores = new Set<string>();
  for (const o of Object.values(doc.orders)) {
    // a refund that arrived before its order is not a purchase yet; a fully refunded order is none
    if (o.amount === undefined || !o.placedAt) continue;
    const net = o.amount - Math.min(o.refunded ?? 0, o.amount);
    if (net <= 0) continue;
    orderCount++;
    totalSpent += net;
    const at = new Date(o.placedAt);
    if (!first || at < first) first = at;
    if (!last || at > last) last = at;
    if (o.storeId) stores.add(o.storeId);
  }
  const surveys = Object.values(doc.surveys).sort(
    (a, b) => new Date(a.at).getTime() - new Date(b.at).getTime(),
  );
  const satisfaction = surveys.length
    ? Math.round((surveys.reduce((n, s) => n + s.score, 0) / surveys.length) * 10) / 10
    : null;
  const engagement = Object.values(doc.engagement).filter(
    (at) => now.getTime() - new Date(at).getTime() <= 90 * DAY,
  ).length;
  return {
    orderCount,
    totalSpent,
    firstPurchaseAt: first,
    lastPurchaseAt: last,
    tier: doc.tier ?? null,
    satisfaction,
    lastSatisfaction: surveys.length ? surveys[surveys.length - 1].score : null,
    engagement,
    purchaseStoreIds: [...stores].sort(),
  };
}

export function daysSince(at: Date | null, now: Date): number | null {
  return at ? Math.floor((now.getTime() - at.getTime()) / DAY) : null;
}
