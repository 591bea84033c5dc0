/** A tier reached at a growth threshold (R-PT-6). */
export interface TierRule {
  code: string;
  name: string;
  rank: number;
  /** growth value needed to reach this tier */
  threshold: number;
}

export const DEFAULT_TIERS: TierRule[] = [
  { code: 'SILVER', name: 'Silver', rank: 1, threshold: 0 },
  { code: 'GOLD', name: 'Gold', rank: 2, threshold: 1000 },
  { code: 'PLATINUM', name: 'Platinum', rank: 3, threshold: 5000 },
];

/** The highest tier whose threshold `growth` reaches, and the next one up. */
export function tierFor(
  growth: number,
  tiers: TierRule[] = DEFAULT_TIERS,
): { tier: TierRule; next: TierRule | null } {
  const sorted = [...tiers].sort((a, b) => a.threshold - b.threshold);
  let tier = sorted[0];
  for (const t of sorted) if (growth >= t.threshold) tier = t;
  const next = sorted.find((t) => t.threshold > tier.threshold) ?? null;
  return { tier, next };
}
