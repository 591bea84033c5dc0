import { type Audience, type Targeting, isFor, specificity } from './targeting.js';

/** An item as the feed weighs it. */
export interface FeedCandidate {
  itemId: string;
  kind: string;
  publishedAt: Date;
  targeting: Targeting;
  /** a coupon offer with coupons left (or no limit); true for other kinds */
  available: boolean;
}

/**
 * A member's feed (R-CT-1, 千人千面): the items for this member now (`isFor`), less the coupon offers
 * it claimed already or that have none left, less items promoting products none of which is in
 * stock at its stores (R-IN-2; `inStock` null: stock unknown, so such items are left out). What it has
 * not seen comes before what it saw; then the narrower an item's aim the higher it ranks, then the
 * newest; the first `first`.
 */
export function rankFeed<T extends FeedCandidate>(
  items: readonly T[],
  audience: Audience,
  now: Date,
  opts: {
    claimed: ReadonlySet<string>;
    inStock: ReadonlySet<string> | null;
    first: number;
    /** items the member saw already: after those it has not */
    seen?: ReadonlySet<string>;
  },
): T[] {
  const seen = (i: T) => (opts.seen?.has(i.itemId) ? 1 : 0);
  return items
    .filter((i) => isFor(i.targeting, audience, now))
    .filter((i) => i.kind !== 'COUPON_OFFER' || (i.available && !opts.claimed.has(i.itemId)))
    .filter((i) => !i.targeting.skus.length || i.targeting.skus.some((s) => opts.inStock?.has(s)))
    .sort(
      (a, b) =>
        seen(a) - seen(b) ||
        specificity(b.targeting) - specificity(a.targeting) ||
        b.publishedAt.getTime() - a.publishedAt.getTime(),
    )
    .slice(0, opts.first);
}

/** The SKUs whose stock decides which of these items show (those of items otherwise for the member). */
export function skusToCheck(items: readonly FeedCandidate[], audience: Audience, now: Date): string[] {
  return [
    ...new Set(items.filter((i) => isFor(i.targeting, audience, now)).flatMap((i) => i.targeting.skus)),
  ];
}
