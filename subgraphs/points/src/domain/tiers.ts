import type { Calendar } from './calendar.js';

/** A tier reached at a growth threshold (R-PT-6). */
export interface TierRule {
  code: string;
  name: string;
  rank: number;
  /** growth value needed in a review period to reach (and keep) this tier */
  threshold: number;
}

export const DEFAULT_TIERS: TierRule[] = [
  { code: 'SILVER', name: 'Silver', rank: 1, threshold: 0 },
  { code: 'GOLD', name: 'Gold', rank: 2, threshold: 1000 },
  { code: 'PLATINUM', name: 'Platinum', rank: 3, threshold: 5000 },
];

/** Months between tier reviews. */
export const REVIEW_MONTHS = 12;

export function sortTiers(tiers: TierRule[]): TierRule[] {
  return [...tiers].sort((a, b) => a.threshold - b.threshold || a.rank - b.rank);
}

/** The highest tier whose threshold `growth` reaches, and the next one up. */
export function tierFor(
  growth: number,
  tiers: TierRule[] = DEFAULT_TIERS,
): { tier: TierRule; next: TierRule | null } {
  const sorted = sortTiers(tiers);
  let tier = sorted[0];
  for (const t of sorted) if (growth >= t.threshold) tier = t;
  const next = sorted.find((t) => t.threshold > tier.threshold) ?? null;
  return { tier, next };
}

export function tierByCode(code: string, tiers: TierRule[] = DEFAULT_TIERS): TierRule {
  return tiers.find((t) => t.code === code) ?? sortTiers(tiers)[0];
}

/** Upgrades are immediate: the better of the current tier and what the growth reaches. */
export function upgrade(current: string, periodGrowth: number, tiers: TierRule[] = DEFAULT_TIERS): string {
  const reached = tierFor(periodGrowth, tiers).tier;
  return reached.rank > tierByCode(current, tiers).rank ? reached.code : current;
}

/** At the review date the tier is what the period's growth reaches (it may go down). */
export function review(periodGrowth: number, tiers: TierRule[] = DEFAULT_TIERS): string {
  return tierFor(periodGrowth, tiers).tier.code;
}

/**
 * The review after one at (or a first period starting at) `from`: `REVIEW_MONTHS` later on the
 * tenant's calendar, clamped to the end of a shorter month (29 February → 28 February).
 */
export function nextReviewAt(from: Date, calendar: Pick<Calendar, 'addMonths'>): Date {
  return calendar.addMonths(from, REVIEW_MONTHS);
}
