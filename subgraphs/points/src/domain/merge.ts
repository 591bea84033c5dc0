/**
 * Merges of two members' accounts (R-ID-2 in docs/DOMAIN.md): the merged member's open lots leave
 * and are mirrored on the survivor (same expiry, same pending window), its debt and growth go with
 * them, and what it brought is recorded so an undo takes exactly that back.
 */
import { type AccountState, type Lot, type Plan, clone, plan } from './ledger-core.js';

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
