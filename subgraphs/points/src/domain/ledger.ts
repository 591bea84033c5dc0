/**
 * The pure core of the points ledger. Every change to an account is planned here from the
 * account's state and its open lots, as one entry that carries the complete result (the lots and
 * the account snapshot after it). The store applies a plan idempotently; replaying all entries of an
 * account reproduces its snapshot (see `replay`).
 *
 * Invariants (checked by the property tests):
 *   balance = Σ remaining of AVAILABLE lots − debt,  pending = Σ remaining of PENDING lots,
 *   no lot's remaining is negative, debt ≥ 0, redeeming never takes more than the balance.
 */
export type EntryKind = 'EARN' | 'REDEEM' | 'EXPIRE' | 'REVERSE' | 'ADJUST' | 'MERGE' | 'RELEASE' | 'REVIEW';
export type LotStatus = 'PENDING' | 'AVAILABLE' | 'EXPIRED' | 'CLOSED';

export interface Lot {
  id: string;
  /** where the points came from (`order`, `legacy:crm`, `merge`, …) and its reference (order id …) */
  source: string;
  sourceRef: string;
  earned: number;
  remaining: number;
  status: LotStatus;
  /** pending lots become available at this time (end of the order's return window) */
  availableAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
  /** for lots created by a merge: the lot they mirror */
  origin?: { mergeId: string; lotId: string; memberId: string };
}

export interface AccountState {
  memberId: string;
  /** number of entries applied */
  seq: number;
  balance: number;
  pending: number;
  /** points owed after a reversal found too little to take back; repaid from the next earnings */
  debt: number;
  lifetimeEarned: number;
  /** lifetime growth value */
  growth: number;
  /** growth counted for the tier in the current review period */
  periodGrowth: number;
  tier: string;
  tierReviewAt: Date | null;
  earnedToday: { day: string; points: number };
}

export interface Plan {
  kind: EntryKind;
  /** signed change to the spendable balance */
  delta: number;
  pendingDelta: number;
  growthDelta: number;
  source: string;
  sourceRef: string;
  ruleIds: string[];
  explanation: string;
  /** lots as they are after the entry (changed or created), by id */
  lots: Lot[];
  account: AccountState;
  /** the expiry of the points an EARN added */
  expiresAt: Date | null;
}

export class LedgerError extends Error {
  constructor(
    readonly code: 'INSUFFICIENT_POINTS' | 'BAD_USER_INPUT',
    message: string,
  ) {
    super(message);
  }
}

export function newAccount(memberId: string, tier: string): AccountState {
  return {
    memberId,
    seq: 0,
    balance: 0,
    pending: 0,
    debt: 0,
    lifetimeEarned: 0,
    growth: 0,
    periodGrowth: 0,
    tier,
    tierReviewAt: null,
    earnedToday: { day: '', points: 0 },
  };
}

/** Oldest-expiring first, then oldest created: the order lots are spent in (R-PT-3). */
export function spendOrder(lots: Lot[]): Lot[] {
  return [...lots].sort(
    (a, b) =>
      a.expiresAt.getTime() - b.expiresAt.getTime() ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
}

const clone = (l: Lot): Lot => ({ ...l });

function totals(account: AccountState, lots: Map<string, Lot>): AccountState {
  let available = 0;
  let pending = 0;
  for (const l of lots.values()) {
    if (l.status === 'AVAILABLE') available += l.remaining;
    if (l.status === 'PENDING') pending += l.remaining;
  }
  return { ...account, balance: available - account.debt, pending };
}

function plan(
  account: AccountState,
  before: Lot[],
  changed: Map<string, Lot>,
  fields: Omit<Plan, 'lots' | 'account' | 'delta' | 'pendingDelta'> & { account?: Partial<AccountState> },
): Plan {
  const all = new Map(before.map((l) => [l.id, l]));
  for (const l of changed.values()) all.set(l.id, l);
  const next = totals({ ...account, ...fields.account, seq: account.seq + 1 }, all);
  const { account: _ignored, ...rest } = fields;
  return {
    ...rest,
    lots: [...changed.values()],
    account: next,
    delta: next.balance - account.balance,
    pendingDelta: next.pending - account.pending,
  };
}

/** Takes up to `points` from AVAILABLE lots, oldest-expiring first (preferring `first`); returns what was taken. */
function take(lots: Lot[], points: number, changed: Map<string, Lot>, first?: (l: Lot) => boolean): number {
  let left = points;
  const ordered = spendOrder(lots.filter((l) => l.status === 'AVAILABLE' && l.remaining > 0));
  const queue = first ? [...ordered.filter(first), ...ordered.filter((l) => !first(l))] : ordered;
  for (const lot of queue) {
    if (left === 0) break;
    const l = changed.get(lot.id) ?? clone(lot);
    const n = Math.min(l.remaining, left);
    l.remaining -= n;
    if (l.remaining === 0) l.status = 'CLOSED';
    left -= n;
    changed.set(l.id, l);
  }
  return points - left;
}

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

/** The merged member's side of a merge: every open lot leaves (to be mirrored by the survivor). */
export function mergeOut(
  account: AccountState,
  lots: Lot[],
  mergeId: string,
  survivorId: string,
): { plan: Plan; moved: Lot[] } {
  const open = lots.filter((l) => (l.status === 'AVAILABLE' || l.status === 'PENDING') && l.remaining > 0);
  const changed = new Map(open.map((l) => [l.id, { ...clone(l), remaining: 0, status: 'CLOSED' as const }]));
  const p = plan(account, lots, changed, {
    kind: 'MERGE',
    growthDelta: -account.periodGrowth,
    source: 'merge',
    sourceRef: mergeId,
    ruleIds: [],
    explanation: `merged into member ${survivorId}: ${account.balance} points and ${account.pending} pending moved`,
    expiresAt: null,
    account: { debt: 0, periodGrowth: 0, growth: 0, lifetimeEarned: 0 },
  });
  return { plan: p, moved: open };
}

/** The survivor's side: mirrors the moved lots (same expiry, same pending window) and takes over debt and growth. */
export function mergeIn(
  account: AccountState,
  lots: Lot[],
  input: {
    mergeId: string;
    from: Contribution & { memberId: string };
    moved: Lot[];
    direction: 'merge' | 'unmerge';
  },
): Plan {
  const created = input.moved.map<Lot>((l) => ({
    ...clone(l),
    id: `${l.id}@${input.mergeId}:${input.direction}`,
    origin: { mergeId: input.mergeId, lotId: l.id, memberId: input.from.memberId },
    createdAt: l.createdAt,
  }));
  return plan(account, lots, new Map(created.map((l) => [l.id, l])), {
    kind: 'MERGE',
    growthDelta: input.from.periodGrowth,
    source: input.direction,
    sourceRef: input.mergeId,
    ruleIds: [],
    explanation: `${input.direction === 'merge' ? 'merged' : 'split back'} from member ${input.from.memberId}`,
    expiresAt: null,
    account: {
      debt: account.debt + input.from.debt,
      lifetimeEarned: account.lifetimeEarned + input.from.lifetimeEarned,
      growth: account.growth + input.from.growth,
      periodGrowth: account.periodGrowth + input.from.periodGrowth,
    },
  });
}

/** What one member brought into a merge, recorded so that an undo takes exactly that back. */
export interface Contribution {
  debt: number;
  lifetimeEarned: number;
  growth: number;
  periodGrowth: number;
}

export function contributionOf(a: AccountState): Contribution {
  return { debt: a.debt, lifetimeEarned: a.lifetimeEarned, growth: a.growth, periodGrowth: a.periodGrowth };
}

/**
 * The survivor's side of an undo: the lots mirrored from the merged member leave with whatever is
 * left of them (spending after the merge used the combined lots oldest-expiring first), and the
 * merged member's debt and growth contribution go back with them.
 */
export function splitOut(
  account: AccountState,
  lots: Lot[],
  mergeId: string,
  mergedId: string,
  brought: Contribution,
): { plan: Plan; moved: Lot[]; contribution: Contribution } {
  const mirrored = lots.filter(
    (l) =>
      l.origin?.mergeId === mergeId &&
      (l.status === 'AVAILABLE' || l.status === 'PENDING') &&
      l.remaining > 0,
  );
  const changed = new Map(
    mirrored.map((l) => [l.id, { ...clone(l), remaining: 0, status: 'CLOSED' as const }]),
  );
  const back: Contribution = {
    debt: Math.min(brought.debt, account.debt),
    lifetimeEarned: Math.min(brought.lifetimeEarned, account.lifetimeEarned),
    growth: Math.min(brought.growth, account.growth),
    periodGrowth: Math.min(brought.periodGrowth, account.periodGrowth),
  };
  const p = plan(account, lots, changed, {
    kind: 'MERGE',
    growthDelta: -back.periodGrowth,
    source: 'unmerge',
    sourceRef: mergeId,
    ruleIds: [],
    explanation: `merge with member ${mergedId} undone: its remaining points go back`,
    expiresAt: null,
    account: {
      debt: account.debt - back.debt,
      lifetimeEarned: account.lifetimeEarned - back.lifetimeEarned,
      growth: account.growth - back.growth,
      periodGrowth: account.periodGrowth - back.periodGrowth,
    },
  });
  return { plan: p, moved: mirrored, contribution: back };
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

/**
 * The state an account's entries leave: each entry stores the account and lots after it, so this is
 * the last entry's account and the latest version of every lot (what reconciliation compares with
 * the stored snapshot and lots). It folds stored results; it does not re-run the entries' rules.
 */
export function stateAfter(
  initial: AccountState,
  plans: Array<Pick<Plan, 'account' | 'lots'>>,
): { account: AccountState; lots: Map<string, Lot> } {
  let account = initial;
  const lots = new Map<string, Lot>();
  for (const p of plans) {
    for (const l of p.lots) lots.set(l.id, l);
    account = p.account;
  }
  return { account, lots };
}

/** The invariants, as a list of violations (empty when the account is consistent). */
export function violations(account: AccountState, lots: Lot[]): string[] {
  const out: string[] = [];
  const available = lots.filter((l) => l.status === 'AVAILABLE').reduce((n, l) => n + l.remaining, 0);
  const pending = lots.filter((l) => l.status === 'PENDING').reduce((n, l) => n + l.remaining, 0);
  if (account.balance !== available - account.debt)
    out.push(`balance ${account.balance} != available lots ${available} - debt ${account.debt}`);
  if (account.pending !== pending) out.push(`pending ${account.pending} != pending lots ${pending}`);
  if (account.debt < 0) out.push(`negative debt ${account.debt}`);
  for (const l of lots)
    if (l.remaining < 0 || l.remaining > l.earned)
      out.push(`lot ${l.id} remaining ${l.remaining} outside 0..${l.earned}`);
  return out;
}
