import { type ProfileFacts, daysSince } from './facts.js';

export type LifecycleStage = 'IDENTIFIED' | 'FIRST_PURCHASE' | 'REPEAT' | 'FAN' | 'AT_RISK' | 'CHURNED';
export const LIFECYCLE_STAGES: LifecycleStage[] = [
  'IDENTIFIED',
  'FIRST_PURCHASE',
  'REPEAT',
  'FAN',
  'AT_RISK',
  'CHURNED',
];

/** Thresholds of the lifecycle funnel (DOMAIN R-AN-2); a tenant may tune them. */
export interface LifecyclePolicy {
  atRiskAfterDays: number;
  churnedAfterDays: number;
  fanMinOrders: number;
  fanMinSatisfaction: number;
  fanMinEngagement: number;
}

export const DEFAULT_LIFECYCLE: LifecyclePolicy = {
  atRiskAfterDays: 90,
  churnedAfterDays: 180,
  fanMinOrders: 4,
  fanMinSatisfaction: 4.5,
  fanMinEngagement: 5,
};

/**
 * identified → first purchase → repeat → fan, with churn risk: anyone identifiable is a member
 * (R-ID-5); silence after buying moves a member to AT_RISK, then CHURNED.
 */
export function lifecycleStage(
  f: ProfileFacts,
  now: Date,
  p: LifecyclePolicy = DEFAULT_LIFECYCLE,
): LifecycleStage {
  if (f.orderCount === 0) return 'IDENTIFIED';
  const silent = daysSince(f.lastPurchaseAt, now) ?? 0;
  if (silent > p.churnedAfterDays) return 'CHURNED';
  if (silent > p.atRiskAfterDays) return 'AT_RISK';
  if (
    f.orderCount >= p.fanMinOrders &&
    ((f.satisfaction ?? 0) >= p.fanMinSatisfaction || f.engagement >= p.fanMinEngagement)
  )
    return 'FAN';
  return f.orderCount >= 2 ? 'REPEAT' : 'FIRST_PURCHASE';
}
