import { type Clock, type RequestContext, byKeys, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import { checkPageSize, checkWithinDays } from '../domain/inputs.js';
import { isPlus } from '../domain/plus.js';
import type { AccountDoc, EntryDoc, LotDoc } from '../domain/records.js';
import type { LedgerRepository } from '../store/ledger-repository.js';

/** What the member center shows of an account: batched per request with DataLoader. */
export class AccountReads {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly clock: Clock,
  ) {}

  accounts(ctx: RequestContext) {
    return loader<string, AccountDoc | null>(ctx, 'points:account', async (ids) =>
      byKeys(ids, await this.repo.accounts(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  openLots(ctx: RequestContext) {
    return loader<string, LotDoc[]>(ctx, 'points:lots', async (ids) =>
      groupByKeys(ids, await this.repo.openLotsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  /** Whether a Plus membership is active now (the injected clock). */
  plusActive(plus: AccountDoc['plus']): boolean {
    return isPlus(plus, this.clock.now());
  }

  /** Available points that expire within `withinDays` days. */
  async expiring(ctx: RequestContext, memberId: string, withinDays: number): Promise<number> {
    checkWithinDays(withinDays);
    const until = this.clock.now().getTime() + withinDays * 86_400_000;
    const lots = await this.openLots(ctx).load(memberId);
    return lots
      .filter((l) => l.status === 'AVAILABLE' && new Date(l.expiresAt).getTime() <= until)
      .reduce((n, l) => n + l.remaining, 0);
  }

  /** A page of entries before `beforeSeq` (newest first; one more than asked, to tell if there are more). */
  async history(
    ctx: RequestContext,
    memberId: string,
    first: number,
    beforeSeq?: number,
  ): Promise<{ entries: EntryDoc[]; total: number }> {
    checkPageSize(first);
    const [entries, total] = await Promise.all([
      this.repo.history(ctx.tenant, memberId, beforeSeq, first + 1),
      this.repo.countEntries(ctx.tenant, memberId),
    ]);
    return { entries, total };
  }
}
