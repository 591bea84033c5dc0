/**
 * The pure core of the points ledger: every change to one account is planned here from the
 * account's state and its open lots, as one entry that carries the complete result (the lots and
 * the account snapshot after it). The store applies a plan idempotently. Shapes and shared
 * bookkeeping: `ledger-core.ts`; merges: `merge.ts`.
 */
import {
  type AccountState,
  type Lot,
  type Plan,
  LedgerError,
  clone,
  plan,
  spendOrder,
  take,
} from './ledger-core.js';

export {
  type AccountState,
  type EntryKind,
  type Lot,
  type LotStatus,
  type Plan,
  LedgerError,
  newAccount,
  spendOrder,
} from './ledger-core.js';

export interface EarnInput {
  lotId: string;
  points: number;
  growth: number;
  source: string;
  sourceRef: string;
  expiresAt: Date;
  /** points stay pending until then (an order's return window); null: spendable at once */
  pendingUntil: Date | null;
  now: Date;
  /** the business day `now` falls on in the tenant's time zone (for `earnedToday`): the tenant's calendar's, never a UTC date */
  day: string;
  ruleIds?: string[];
  explanation: string;
  kind?: 'EARN' | 'ADJUST';
}

/** Earns points into a new lot; a debt from earlier reversals is repaid first. */
export function earn(account: AccountState, lots: Lot[], input: EarnInput): Plan {
  if (!Number.isInteger(input.points) || input.points < 0)
    throw new LedgerError('BAD_USER_INPUT', 'points must be a non-negative integer');
  const repay = input.pendingUntil ? 0 : Math.min(account.debt, input.points);
  const lot: Lot = {
    id: input.lotId,
    source: input.source,
    sourceRef: input.sourceRef,
    earned: input.points,
    remaining: input.points - repay,
    status:
      input.pendingUntil && input.pendingUntil > input.now
        ? 'PENDING'
        : input.points - repay > 0
          ? 'AVAILABLE'
          : 'CLOSED',
    availableAt: input.pendingUntil,
    expiresAt: input.expiresAt,
    createdAt: input.now,
  };
  const day = input.day;
  const today = account.earnedToday.day === day ? account.earnedToday.points : 0;
  return plan(account, lots, new Map([[lot.id, lot]]), {
    kind: input.kind ?? 'EARN',
    growthDelta: input.growth,
    source: input.source,
    sourceRef: input.sourceRef,
    ruleIds: input.ruleIds ?? [],
    explanation: repay ? `${input.explanation}; ${repay} repaid an earlier reversal` : input.explanation,
    expiresAt: input.expiresAt,
    account: {
      debt: account.debt - repay,
      lifetimeEarned: account.lifetimeEarned + input.points,
      growth: account.growth + input.growth,
      periodGrowth: account.periodGrowth + input.growth,
      earnedToday: { day, points: today + input.points },
    },
  });
}

/** Spends points, oldest-expiring lots first; never more than the spendable balance. */
export function redeem(
  account: AccountState,
  lots: Lot[],
  input: { points: number; source: string; sourceRef: string; explanation: string },
): Plan {
  if (!Number.isInteger(input.points) || input.points <= 0)
    throw new LedgerError('BAD_USER_INPUT', 'points must be a positive integer');
  if (input.points > account.balance)
    throw new LedgerError('INSUFFICIENT_POINTS', `balance ${account.balance} is less than ${input.points}`);
  const changed = new Map<string, Lot>();
  const taken = take(lots, input.points, changed);
  if (taken !== input.points) throw new LedgerError('INSUFFICIENT_POINTS', 'lots do not cover the balance');
  return plan(account, lots, changed, {
    kind: 'REDEEM',
    growthDelta: 0,
    source: input.source,
    sourceRef: input.sourceRef,
    ruleIds: [],
    explanation: input.explanation,
    expiresAt: null,
  });
}

/** Makes pending lots whose return window has passed spendable (repaying any debt). */
export function release(account: AccountState, lots: Lot[], now: Date): Plan | null {
  const due = lots.filter((l) => l.status === 'PENDING' && l.availableAt && l.availableAt <= now);
  if (!due.length) return null;
  const changed = new Map<string, Lot>();
  let debt = account.debt;
  for (const lot of due) {
    const l = clone(lot);
    const repay = Math.min(debt, l.remaining);
    debt -= repay;
    l.remaining -= repay;
    l.status = l.remaining > 0 ? 'AVAILABLE' : 'CLOSED';
    changed.set(l.id, l);
  }
  const points = due.reduce((n, l) => n + l.remaining, 0);
  return plan(account, lots, changed, {
    kind: 'RELEASE',
    growthDelta: 0,
    source: 'return-window',
    sourceRef: due.map((l) => l.sourceRef).join(','),
    ruleIds: [],
    explanation: `${points} pending points became spendable after the return window`,
    expiresAt: null,
    account: { debt },
  });
}

/** Expires every lot whose expiry date has passed (R-PT-3). */
export function expire(account: AccountState, lots: Lot[], now: Date): Plan | null {
  const due = lots.filter(
    (l) => (l.status === 'AVAILABLE' || l.status === 'PENDING') && l.remaining > 0 && l.expiresAt <= now,
  );
  if (!due.length) return null;
  const changed = new Map(due.map((l) => [l.id, { ...clone(l), remaining: 0, status: 'EXPIRED' as const }]));
  const points = due.reduce((n, l) => n + l.remaining, 0);
  return plan(account, lots, changed, {
    kind: 'EXPIRE',
    growthDelta: 0,
    source: 'expiry',
    sourceRef: due.map((l) => l.id).join(','),
    ruleIds: [],
    explanation: `${points} points expired`,
    expiresAt: null,
  });
}

/**
 * Takes back points (a refund): from the order's own lots first (pending or spendable), then from
 * other spendable lots, oldest-expiring first; what cannot be found becomes a debt.
 */
export function reverse(
  account: AccountState,
  lots: Lot[],
  input: { points: number; growth: number; source: string; sourceRef: string; explanation: string },
): Plan {
  if (!Number.isInteger(input.points) || input.points < 0)
    throw new LedgerError('BAD_USER_INPUT', 'points must be a non-negative integer');
  const changed = new Map<string, Lot>();
  let left = input.points;
  for (const lot of spendOrder(
    lots.filter(
      (l) =>
        l.sourceRef === input.sourceRef &&
        (l.status === 'PENDING' || l.status === 'AVAILABLE') &&
        l.remaining > 0,
    ),
  )) {
    if (left === 0) break;
    const l = clone(lot);
    const n = Math.min(l.remaining, left);
    l.remaining -= n;
    if (l.remaining === 0) l.status = 'CLOSED';
    left -= n;
    changed.set(l.id, l);
  }
  left -= take(
    lots.filter((l) => !changed.has(l.id)),
    left,
    changed,
  );
  return plan(account, lots, changed, {
    kind: 'REVERSE',
    growthDelta: -Math.min(input.growth, account.periodGrowth),
    source: input.source,
    sourceRef: input.sourceRef,
    ruleIds: [],
    explanation: left
      ? `${input.explanation}; ${left} could not be taken back and is owed`
      : input.explanation,
    expiresAt: null,
    account: {
      debt: account.debt + left,
      growth: Math.max(0, account.growth - input.growth),
      periodGrowth: Math.max(0, account.periodGrowth - input.growth),
    },
  });
}

/** A correction by an operator or an import: positive adds a lot, negative takes points away. */
export function adjust(
  account: AccountState,
  lots: Lot[],
  input: {
    points: number;
    lotId: string;
    source: string;
    sourceRef: string;
    expiresAt: Date;
    now: Date;
    /** the tenant's business day of `now` (see `EarnInput.day`) */
    day: string;
    explanation: string;
  },
): Plan {
  if (!Number.isInteger(input.points) || input.points === 0)
    throw new LedgerError('BAD_USER_INPUT', 'an adjustment is a non-zero integer');
  if (input.points > 0)
    return earn(account, lots, { ...input, growth: 0, pendingUntil: null, kind: 'ADJUST' });
  const changed = new Map<string, Lot>();
  const taken = take(lots, -input.points, changed);
  return plan(account, lots, changed, {
    kind: 'ADJUST',
    growthDelta: 0,
    source: input.source,
    sourceRef: input.sourceRef,
    ruleIds: [],
    explanation: input.explanation,
    expiresAt: null,
    account: { debt: account.debt + (-input.points - taken) },
  });
}

/** The tier review (R-PT-6): the tier becomes what the period's growth reached, and a new period starts. */
export function reviewTier(
  account: AccountState,
  lots: Lot[],
  input: { tier: string; nextReviewAt: Date },
): Plan {
  return plan(account, lots, new Map(), {
    kind: 'REVIEW',
    growthDelta: -account.periodGrowth,
    source: 'tier-review',
    sourceRef: input.nextReviewAt.toISOString().slice(0, 10),
    ruleIds: [],
    explanation: `tier review: ${account.tier} → ${input.tier} on ${account.periodGrowth} growth this period`,
    expiresAt: null,
    account: { tier: input.tier, periodGrowth: 0, tierReviewAt: input.nextReviewAt },
  });
}
