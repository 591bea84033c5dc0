import type { AccountState, Lot, Plan } from './ledger-core.js';

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
