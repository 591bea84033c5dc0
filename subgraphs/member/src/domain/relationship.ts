import { type ProfileFacts, daysSince } from './facts.js';

export type Quadrant = 'HIGH_VALUE_ACTIVE' | 'HIGH_VALUE_DISTANT' | 'LOW_VALUE_ACTIVE' | 'LOW_VALUE_DISTANT';
export const QUADRANTS: Quadrant[] = [
  'HIGH_VALUE_ACTIVE',
  'HIGH_VALUE_DISTANT',
  'LOW_VALUE_ACTIVE',
  'LOW_VALUE_DISTANT',
];

export interface RelationshipPolicy {
  /** spend (minor units) that scores 100 on value; a square-root scale below it (¥5,000 scores 50) */
  fullValueSpend: number;
  /** score at or above which a member counts as high value / active */
  threshold: number;
}

export const DEFAULT_RELATIONSHIP: RelationshipPolicy = { fullValueSpend: 2_000_000, threshold: 50 };

/**
 * The relationship matrix of seed 002: consumption value × relationship activity, both 0..100.
 * Value: net spend on a square-root scale (¥20,000 → 100, ¥5,000 → 50). Activity: recency of the last purchase (up to 50),
 * purchase frequency (up to 20), recent interactions (up to 20) and answered surveys (up to 10), so
 * "cares about us but buys little" (LOW_VALUE_ACTIVE) is told from "bought a lot, long ago"
 * (HIGH_VALUE_DISTANT).
 */
export function relationship(f: ProfileFacts, now: Date, p: RelationshipPolicy = DEFAULT_RELATIONSHIP) {
  const valueScore =
    f.totalSpent <= 0 ? 0 : Math.min(100, Math.round(100 * Math.sqrt(f.totalSpent / p.fullValueSpend)));
  const silent = daysSince(f.lastPurchaseAt, now);
  const recency = silent === null ? 0 : Math.max(0, Math.round(50 * (1 - Math.max(0, silent - 30) / 150)));
  const frequency = Math.min(20, f.orderCount * 4);
  const interactions = Math.min(20, f.engagement * 4);
  const voice = f.satisfaction === null ? 0 : 10;
  const activityScore = Math.min(100, recency + frequency + interactions + voice);
  const high = valueScore >= p.threshold;
  const active = activityScore >= p.threshold;
  const quadrant: Quadrant = high
    ? active
      ? 'HIGH_VALUE_ACTIVE'
      : 'HIGH_VALUE_DISTANT'
    : active
      ? 'LOW_VALUE_ACTIVE'
      : 'LOW_VALUE_DISTANT';
  return { valueScore, activityScore, quadrant };
}
