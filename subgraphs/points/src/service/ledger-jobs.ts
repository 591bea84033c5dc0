import { PointsExpiring } from '@zhongtai/contracts';
import { type Clock, type Outbox, type TenantCalendar, makeEvent } from '@zhongtai/subgraph-kit';
import { expire, release, reviewTier } from '../domain/ledger.js';
import { type LotDoc, key } from '../domain/records.js';
import { nextReviewAt, review } from '../domain/tiers.js';
import type { LedgerService } from './ledger-service.js';

/** The scheduled work of the ledger (`periodicJob` in index.ts; tests call it by hand). */
export class LedgerJobs {
  constructor(
    private readonly ledger: LedgerService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
  ) {}

  private get repo() {
    return this.ledger.repo;
  }

  /** Releases pending lots past their return window and expires lots past their expiry. */
  async releaseAndExpire(): Promise<number> {
    const now = this.clock.now();
    let posted = 0;
    for (const { tenant, memberId } of await this.repo.membersWithDueLots(now)) {
      if (
        await this.ledger.post(tenant, memberId, null, (account, lots) => {
          const p = release(account, lots, now);
          return p && { plan: p };
        })
      )
        posted++;
      if (
        await this.ledger.post(tenant, memberId, null, (account, lots) => {
          const p = expire(account, lots, now);
          return p && { plan: p };
        })
      )
        posted++;
    }
    return posted;
  }

  /** Advance notice of expiry (`points.expiring`), `days` before, once per lot. */
  async noticeExpiring(days = 30): Promise<number> {
    const now = this.clock.now();
    const lots = await this.repo.lotsExpiringWithin(now, new Date(now.getTime() + days * 86_400_000));
    const byMember = new Map<string, LotDoc[]>();
    for (const l of lots)
      byMember.set(key(l.tenant, l.memberId), [...(byMember.get(key(l.tenant, l.memberId)) ?? []), l]);
    for (const group of byMember.values()) {
      const { tenant, memberId } = group[0];
      const first = group.reduce(
        (d, l) => (new Date(l.expiresAt) < d ? new Date(l.expiresAt) : d),
        new Date(group[0].expiresAt),
      );
      await this.outbox.emit(
        makeEvent(PointsExpiring, {
          id: `points.expiring:${group
            .map((l) => l._id)
            .sort()
            .join(',')}`,
          tenant,
          key: memberId,
          producer: 'points',
          clock: this.clock,
          payload: {
            memberId,
            points: group.reduce((n, l) => n + l.remaining, 0),
            expiresAt: first.toISOString(),
            lotIds: group.map((l) => l.lotId),
          },
        }),
      );
      await this.repo.markNoticed(
        group.map((l) => l._id),
        now,
      );
    }
    return byMember.size;
  }

  /**
   * Tier reviews that are due: downgrades happen only here (R-PT-6 in docs/DOMAIN.md); the next one
   * is a year later on the tenant's calendar.
   */
  async reviewTiers(): Promise<number> {
    const now = this.clock.now();
    let n = 0;
    for (const a of await this.repo.accountsDueForReview(now)) {
      const { tiers } = await this.ledger.config.get(a.tenant);
      const posted = await this.ledger.post(
        a.tenant,
        a.memberId,
        { key: `review:${a.memberId}:${new Date(a.tierReviewAt!).toISOString()}`, hash: 'review' },
        (account, lots) =>
          account.tierReviewAt && new Date(account.tierReviewAt) <= now
            ? {
                plan: reviewTier(account, lots, {
                  tier: review(account.periodGrowth, tiers),
                  nextReviewAt: nextReviewAt(new Date(account.tierReviewAt), this.calendar.of(a.tenant)),
                }),
              }
            : null,
      );
      if (posted) n++;
    }
    return n;
  }
}
