import type { Clock } from '@zhongtai/subgraph-kit';
import { newAccount } from '../domain/ledger.js';
import { stateAfter, violations } from '../domain/reconcile.js';
import { type AccountDoc, toLot } from '../domain/records.js';
import { sortTiers } from '../domain/tiers.js';
import type { LedgerService } from './ledger-service.js';

export interface Reconciliation {
  checked: number;
  mismatches: Array<{ memberId: string; problems: string[] }>;
}

const COMPARED = [
  'seq',
  'balance',
  'pending',
  'debt',
  'lifetimeEarned',
  'growth',
  'periodGrowth',
  'tier',
] as const;

/**
 * Proves snapshot == ledger for every account of a tenant (or one member): rolls forward anything
 * unapplied, folds all entries from an empty account, and checks the invariants against the stored lots.
 */
export class Reconciler {
  constructor(
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

  async reconcile(tenant: string, memberId?: string): Promise<Reconciliation> {
    const repo = this.ledger.repo;
    const mismatches: Reconciliation['mismatches'] = [];
    let checked = 0;
    const check = async (a: AccountDoc) => {
      checked++;
      const problems = await this.problemsOf(tenant, a);
      if (problems.length) mismatches.push({ memberId: a.memberId, problems });
    };
    if (memberId) {
      const a = await repo.account(tenant, memberId);
      if (a) await check(a);
    } else {
      for await (const page of repo.allAccounts(tenant)) for (const a of page) await check(a);
    }
    return { checked, mismatches };
  }

  private async problemsOf(tenant: string, a: AccountDoc): Promise<string[]> {
    const repo = this.ledger.repo;
    await repo.rollForward(tenant, a, a.memberId, this.clock.now());
    const snapshot = (await repo.account(tenant, a.memberId))!;
    const entries = await repo.entriesAfter(tenant, a.memberId, 0);
    const { tiers } = await this.ledger.config.get(tenant);
    const folded = stateAfter(
      newAccount(a.memberId, sortTiers(tiers)[0].code),
      entries.map((e) => ({ account: e.account, lots: e.lots.map(toLot) })),
    );
    const problems: string[] = [];
    for (const f of COMPARED)
      if (folded.account[f] !== snapshot[f])
        problems.push(`${f}: snapshot ${snapshot[f]} != ledger ${folded.account[f]}`);
    const stored = await repo.allLots(tenant, a.memberId);
    for (const lot of stored) {
      const expected = folded.lots.get(lot.id);
      if (!expected || expected.remaining !== lot.remaining || expected.status !== lot.status)
        problems.push(
          `lot ${lot.id}: stored ${lot.remaining}/${lot.status} != ledger ${expected?.remaining}/${expected?.status}`,
        );
    }
    problems.push(...violations(snapshot, stored));
    return problems;
  }
}
