import type { Calendar } from './calendar.js';

/**
 * Earning rules of a tenant (R-PT-2): a base rate per yuan spent, multipliers by channel, product
 * category, tier, Plus membership and date (member day), caps per order and per day. The result
 * names every rule that fired and explains the arithmetic, so "why did I get 37 points?" has an answer.
 */
export interface Multiplier {
  id: string;
  name: string;
  factor: number;
  channels?: string[];
  /** applies to the lines of these categories only */
  categories?: string[];
  tiers?: string[];
  plusOnly?: boolean;
  /** e.g. [8] for a member day on the 8th of every month (the tenant's calendar: the 8th in Shanghai) */
  daysOfMonth?: number[];
  from?: Date | null;
  to?: Date | null;
}

export interface EarningRules {
  pointsPerYuan: number;
  growthPerYuan: number;
  multipliers: Multiplier[];
  perOrderCap: number | null;
  perDayCap: number | null;
  /** points from an order stay pending this many tenant days (its return window) */
  returnWindowDays: number;
  /** points expire at the end of the tenant's year this many years after the year they were earned */
  expiryYearsAfter: number;
}

export const DEFAULT_RULES: EarningRules = {
  pointsPerYuan: 1,
  growthPerYuan: 1,
  multipliers: [],
  perOrderCap: null,
  perDayCap: null,
  returnWindowDays: 7,
  expiryYearsAfter: 2,
};

export interface OrderForEarning {
  channel: string;
  placedAt: Date;
  lines: Array<{ sku: string; category?: string | null; quantity: number; unitPrice: number }>;
}

export interface EarnOutcome {
  points: number;
  growth: number;
  ruleIds: string[];
  explanation: string;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function dateApplies(m: Multiplier, at: Date, calendar: Calendar): boolean {
  if (m.from && at < m.from) return false;
  if (m.to && at > m.to) return false;
  if (m.daysOfMonth?.length && !m.daysOfMonth.includes(calendar.dayOfMonth(at))) return false;
  return true;
}

/**
 * What an order earns. `earnedToday`: points already earned on the tenant's business day the
 * points are posted; member days are the tenant's days of the month (`calendar`).
 */
export function computeEarn(
  order: OrderForEarning,
  ctx: { tier: string; plus: boolean; earnedToday: number },
  rules: EarningRules,
  calendar: Calendar,
): EarnOutcome {
  const fired = new Set<string>(['base']);
  const parts: string[] = [];
  let raw = 0;
  let spend = 0;
  for (const line of order.lines) {
    const amount = line.quantity * line.unitPrice;
    spend += amount;
    let linePoints = (amount / 100) * rules.pointsPerYuan;
    for (const m of rules.multipliers) {
      if (
        !m.categories?.length ||
        !line.category ||
        !m.categories.includes(line.category) ||
        !dateApplies(m, order.placedAt, calendar)
      )
        continue;
      linePoints *= m.factor;
      fired.add(m.id);
      parts.push(`${line.sku} (${line.category}) ×${m.factor} ${m.name}`);
    }
    raw += linePoints;
  }
  let text = `${yuan(spend)} × ${rules.pointsPerYuan} pt/¥ = ${Math.floor((spend / 100) * rules.pointsPerYuan)}`;
  if (parts.length) text += `; ${parts.join(', ')}`;
  for (const m of rules.multipliers) {
    if (m.categories?.length) continue;
    if (m.channels?.length && !m.channels.includes(order.channel)) continue;
    if (m.tiers?.length && !m.tiers.includes(ctx.tier)) continue;
    if (m.plusOnly && !ctx.plus) continue;
    if (!dateApplies(m, order.placedAt, calendar)) continue;
    raw *= m.factor;
    fired.add(m.id);
    text += `; ×${m.factor} ${m.name}`;
  }
  let points = Math.floor(raw + 1e-9);
  if (rules.perOrderCap !== null && points > rules.perOrderCap) {
    text += `; capped at ${rules.perOrderCap} per order`;
    points = rules.perOrderCap;
    fired.add('cap:order');
  }
  if (rules.perDayCap !== null) {
    const room = Math.max(0, rules.perDayCap - ctx.earnedToday);
    if (points > room) {
      text += `; capped at ${rules.perDayCap} per day (${ctx.earnedToday} already earned today)`;
      points = room;
      fired.add('cap:day');
    }
  }
  const growth = Math.floor((spend / 100) * rules.growthPerYuan);
  return { points, growth, ruleIds: [...fired], explanation: `${text} → ${points} points` };
}

/**
 * The end of the tenant's year `expiryYearsAfter` years after the year of `earnedAt`: in Shanghai
 * 31 December 23:59:59.999 local, i.e. 15:59:59.999 UTC — and an order of 2026-12-31T17:00Z is
 * already 2027 there.
 */
export function expiryFor(
  earnedAt: Date,
  rules: Pick<EarningRules, 'expiryYearsAfter'>,
  calendar: Calendar,
): Date {
  return calendar.endOfYear(earnedAt, rules.expiryYearsAfter);
}

/** The end of the return window: `returnWindowDays` tenant days after `placedAt`, same wall-clock time. */
export function pendingUntil(
  placedAt: Date,
  rules: Pick<EarningRules, 'returnWindowDays'>,
  calendar: Calendar,
): Date | null {
  return rules.returnWindowDays > 0 ? calendar.addDays(placedAt, rules.returnWindowDays) : null;
}

/** Points to take back after refunds totalling `refundedTotal` of an order that earned `earned`. */
export function reversalTarget(earned: number, orderTotal: number, refundedTotal: number): number {
  if (orderTotal <= 0) return earned;
  return Math.min(earned, Math.round((earned * Math.min(refundedTotal, orderTotal)) / orderTotal));
}
