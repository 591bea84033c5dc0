import { contributionOf, mergeIn, mergeOut, splitOut } from '../domain/merge.js';
import { key, toLot } from '../domain/records.js';
import type { LedgerService } from './ledger-service.js';

/** A merge or its undo, as the member center announces it. */
export interface MergeNotice {
  mergeId: string;
  survivorId: string;
  mergedId: string;
}

/**
 * The ledger's side of identity merges: the merged member's open lots, debt and growth move to the
 * survivor, recorded on both sides, so an undo gives back exactly what is left of them. Each side is
 * one entry under a key of the merge (`merge-out:<id>`, `merge-in:<id>`, `unmerge-…`), so a
 * redelivered event changes nothing.
 */
export class MergeReactions {
  constructor(private readonly ledger: LedgerService) {}

  async merged(tenant: string, m: MergeNotice): Promise<void> {
    const out = await this.ledger.post(
      tenant,
      m.mergedId,
      { key: `merge-out:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => {
        const r = mergeOut(account, lots, m.mergeId, m.survivorId);
        return {
          plan: r.plan,
          moved: r.moved,
          contribution: contributionOf(account),
          mergedInto: m.survivorId,
        };
      },
      { followMerges: false },
    );
    const record = out ?? (await this.entry(tenant, `merge-out:${m.mergeId}`))!;
    const survivor = await this.ledger.holder(tenant, m.survivorId);
    await this.ledger.post(
      tenant,
      survivor,
      { key: `merge-in:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => ({
        plan: mergeIn(account, lots, {
          mergeId: m.mergeId,
          from: { ...record.contribution!, memberId: m.mergedId },
          moved: (record.moved ?? []).map(toLot),
          direction: 'merge',
        }),
      }),
    );
  }

  /** What is left of the merged member's lots, and its contribution, go back. */
  async unmerged(tenant: string, m: MergeNotice): Promise<void> {
    const mergedOut = await this.entry(tenant, `merge-out:${m.mergeId}`);
    if (!mergedOut) return; // the merge never reached the ledger
    const survivor = await this.ledger.holder(tenant, m.survivorId);
    const out = await this.ledger.post(
      tenant,
      survivor,
      { key: `unmerge-out:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => {
        const r = splitOut(account, lots, m.mergeId, m.mergedId, mergedOut.contribution!);
        return { plan: r.plan, moved: r.moved, contribution: r.contribution };
      },
    );
    const record = out ?? (await this.entry(tenant, `unmerge-out:${m.mergeId}`))!;
    await this.ledger.post(
      tenant,
      m.mergedId,
      { key: `unmerge-in:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => ({
        plan: mergeIn(account, lots, {
          mergeId: m.mergeId,
          from: { ...record.contribution!, memberId: m.survivorId },
          moved: (record.moved ?? []).map(toLot),
          direction: 'unmerge',
        }),
        mergedInto: null,
      }),
      { followMerges: false },
    );
  }

  private entry(tenant: string, idemKey: string) {
    return this.ledger.repo.entryByIdem(key(tenant, idemKey));
  }
}
