/**
 * Fraud limits of a tenant (R-PT-8): points are money, so manual grants are capped per grant, per
 * member per business day and per staff token per business day, and orders that are unusually
 * large or arrive late wait for HQ's approval instead of granting at once. On by default; HQ tunes
 * them (`setGrantLimits`). Pure: the counters live in the store, the decisions here. A business day
 * is the tenant's calendar day in its time zone, which is deployment configuration (the kit's
 * calendar, `TIME_ZONE` / `TENANT_TIME_ZONES`), not a setting here.
 */
import { badInput } from '@zhongtai/contracts';
import type { Calendar } from './calendar.js';

export const HOLD_LATE_ORDERS = ['none', 'staff', 'all'] as const;
/** which late orders are held: none, those a person typed in (the default), or all */
export type HoldLateOrders = (typeof HOLD_LATE_ORDERS)[number];

export interface GrantLimits {
  /** points one manual grant may give */
  maxPointsPerGrant: number;
  /** points manual grants may give one member per business day (all callers together) */
  maxPointsPerMemberPerDay: number;
  /** points one staff token may grant (and cause through orders it typed in) per business day */
  maxPointsPerStaffPerDay: number;
  /** order total in fen above which an order's points wait for approval */
  holdOrdersAbove: number;
  /** orders older than their return window when they arrive wait for approval */
  holdLateOrders: HoldLateOrders;
  /** the Plus membership's price per month in fen (CNY): the least a payment backend may charge */
  plusPricePerMonth: number;
}

export const DEFAULT_LIMITS: GrantLimits = {
  maxPointsPerGrant: 5_000,
  maxPointsPerMemberPerDay: 10_000,
  maxPointsPerStaffPerDay: 50_000,
  holdOrdersAbove: 5_000_000, // ¥50,000
  holdLateOrders: 'staff',
  plusPricePerMonth: 1_500, // ¥15
};

/** upper bounds keep every setting inside GraphQL's 32-bit Int */
const MAX_CAP = 1_000_000_000;
const MAX_FEN = 2_000_000_000;
const MAX_PRICE = 100_000_000;

/**
 * A tenant's stored settings over the defaults (settings added later get their default; stored keys
 * that are no longer settings, such as a `timeZone` of an earlier build, are ignored).
 */
export function limitsOf(stored: Partial<GrantLimits> | null | undefined): GrantLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(DEFAULT_LIMITS) as Array<keyof GrantLimits>)
    if (stored?.[k] !== undefined && stored[k] !== null) Object.assign(out, { [k]: stored[k] });
  return out;
}

/**
 * Validates the settings given (a partial update validates only what it sets): BAD_USER_INPUT
 * naming the field.
 */
export function validateLimits(l: Partial<GrantLimits>): void {
  const bad = (field: keyof GrantLimits, message: string) => {
    throw badInput(message, { field });
  };
  const int = (field: keyof GrantLimits, max: number) => {
    const v = l[field];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max))
      bad(field, `${field} must be an integer between 0 and ${max}`);
  };
  int('maxPointsPerGrant', MAX_CAP);
  int('maxPointsPerMemberPerDay', MAX_CAP);
  int('maxPointsPerStaffPerDay', MAX_CAP);
  int('holdOrdersAbove', MAX_FEN);
  int('plusPricePerMonth', MAX_PRICE);
  if (l.holdLateOrders !== undefined && !HOLD_LATE_ORDERS.includes(l.holdLateOrders))
    bad('holdLateOrders', `holdLateOrders must be one of ${HOLD_LATE_ORDERS.join(', ')}`);
}

// ------------------------------------------------------------------ manual grants
export type DailyCap = 'MEMBER_DAY' | 'STAFF_DAY';

/** Why a grant is refused, for the FORBIDDEN error's message and details. */
export interface Refusal {
  message: string;
  details: {
    cap: 'PER_GRANT' | DailyCap;
    limit: number;
    requested: number;
    usedToday: number | null;
    remaining: number;
    day: string | null;
  };
}

const n = (x: number) => x.toLocaleString('en-US');

/** A grant larger than one grant may be (checked before any counter moves). */
export function perGrantRefusal(points: number, limits: GrantLimits): Refusal | null {
  if (points <= limits.maxPointsPerGrant) return null;
  return {
    message: `a grant of ${n(points)} points is over the limit of ${n(limits.maxPointsPerGrant)} points per grant`,
    details: {
      cap: 'PER_GRANT',
      limit: limits.maxPointsPerGrant,
      requested: points,
      usedToday: null,
      remaining: limits.maxPointsPerGrant,
      day: null,
    },
  };
}

export function dailyLimit(cap: DailyCap, limits: GrantLimits): number {
  return cap === 'MEMBER_DAY' ? limits.maxPointsPerMemberPerDay : limits.maxPointsPerStaffPerDay;
}

/** A daily cap that the counter refused: what was used on `day` and what is left. */
export function dailyRefusal(
  cap: DailyCap,
  limit: number,
  usedToday: number,
  requested: number,
  day: string,
): Refusal {
  const remaining = Math.max(0, limit - usedToday);
  const who = cap === 'MEMBER_DAY' ? 'this member may receive' : 'this staff member may grant';
  return {
    message: `${who} at most ${n(limit)} points per business day (${day}: ${n(usedToday)} used, ${n(remaining)} remaining; ${n(requested)} requested)`,
    details: { cap, limit, requested, usedToday, remaining, day },
  };
}

// ------------------------------------------------------------------ orders held for approval
export type HoldReason = 'LARGE_ORDER' | 'LATE_ORDER' | 'STAFF_DAILY_CAP';

export interface OrderActor {
  role: string;
  sub?: string;
  storeId?: string;
  region?: string;
}

/** A person typed the order in (a clerk at the store terminal); systems (POS, OMS) are not staff. */
export function staffEntered(enteredBy: OrderActor | null | undefined): enteredBy is OrderActor {
  return !!enteredBy && enteredBy.role !== 'SYSTEM';
}

/**
 * The identity a staff counter is kept for: the token's subject. A token without one (the platform
 * always sets it) falls back to its role and store or region, which several people may share, so
 * the fall-back is stricter, never looser.
 */
export function staffSubject(actor: OrderActor): string {
  return actor.sub ? `sub:${actor.sub}` : `${actor.role}@${actor.storeId ?? actor.region ?? 'tenant'}`;
}

/**
 * Late: the order arrives after its return window would already have ended — `returnWindowDays`
 * tenant days after it was placed, the same wall-clock time, as `pendingUntil` counts it — so its
 * points would be spendable at once (a back-dated order). A window of 0 days counts as one, so that
 * an order that simply takes a moment to arrive is not late.
 */
export function isLate(
  placedAt: Date,
  arrivedAt: Date,
  returnWindowDays: number,
  calendar: Pick<Calendar, 'addDays'>,
): boolean {
  return arrivedAt > calendar.addDays(placedAt, Math.max(1, returnWindowDays));
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/**
 * Whether an arriving order's points wait for approval, before any counter: above the size limit
 * (whoever entered it), or late per `holdLateOrders`. The staff token's daily cap is the third
 * reason, decided by its counter (`STAFF_DAILY_CAP`).
 */
export function holdFor(
  order: { total: number; placedAt: Date; enteredBy?: OrderActor | null },
  limits: GrantLimits,
  returnWindowDays: number,
  arrivedAt: Date,
  calendar: Pick<Calendar, 'addDays' | 'businessDay'>,
): { reason: HoldReason; detail: string } | null {
  if (order.total > limits.holdOrdersAbove)
    return {
      reason: 'LARGE_ORDER',
      detail: `order total ${yuan(order.total)} is above ${yuan(limits.holdOrdersAbove)}`,
    };
  const applies =
    limits.holdLateOrders === 'all' || (limits.holdLateOrders === 'staff' && staffEntered(order.enteredBy));
  if (applies && isLate(order.placedAt, arrivedAt, returnWindowDays, calendar)) {
    const [placed, arrived] = [calendar.businessDay(order.placedAt), calendar.businessDay(arrivedAt)];
    return {
      reason: 'LATE_ORDER',
      detail: `placed on ${placed}, arrived on ${arrived}: after its ${returnWindowDays}-day return window${
        staffEntered(order.enteredBy) ? ', entered by staff' : ''
      }`,
    };
  }
  return null;
}

export function staffCapDetail(limit: number, usedToday: number, points: number, day: string): string {
  return `its ${n(points)} points would take the staff member who entered it over ${n(limit)} per business day (${day}: ${n(usedToday)} used)`;
}
