/**
 * The shapes of the points ledger and the bookkeeping every operation shares: how a plan is built
 * from changed lots (`plan`), how points are taken from lots (`take`), and the account totals.
 * The operations are in `ledger.ts` (one account) and `merge.ts` (two accounts); `reconcile.ts`
 * folds stored entries back into a state and lists invariant violations.
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
  /**
   * manual grants (`earnPoints`) received on the tenant's business day `day`: the member's daily cap
   * is checked against it and moved in the same snapshot write as the grant (no counter of its own)
   */
  grantedToday?: { day: string; points: number };
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

/** @internal shared by the ledger operations (ledger.ts, merge.ts) */
export const clone = (l: Lot): Lot => ({ ...l });

/** @internal shared by the ledger operations (ledger.ts, merge.ts) */
export function totals(account: AccountState, lots: Map<string, Lot>): AccountState {
  let available = 0;
  let pending = 0;
  for (const l of lots.values()) {
    if (l.status === 'AVAILABLE') available += l.remaining;
    if (l.status === 'PENDING') pending += l.remaining;
  }
  return { ...account, balance: available - account.debt, pending };
}

/** @internal shared by the ledger operations (ledger.ts, merge.ts) */
export function plan(
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
/** @internal shared by the ledger operations (ledger.ts, merge.ts) */
export function take(
  lots: Lot[],
  points: number,
  changed: Map<string, Lot>,
  first?: (l: Lot) => boolean,
): number {
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
