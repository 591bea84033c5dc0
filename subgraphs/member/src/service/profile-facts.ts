import type { Logger } from '@zhongtai/subgraph-kit';
import type { ProfileRepository } from '../store/profile-repository.js';
import type { MemberDirectory } from './directory.js';
import type { MemberScopes } from './scopes.js';
import type { SegmentService } from './segment-service.js';

/** An order that counts as a purchase (completed, or imported from a legacy system). */
export interface PlacedOrder {
  orderId: string;
  /** orders without a member (an anonymous sale) change no profile */
  memberId?: string;
  /** total, minor units */
  amount: number;
  placedAt: Date;
  storeId?: string;
  /** when the event happened (a store visit widens visibility from then) */
  at: Date;
}

/**
 * The profile-facts projection, fed by other subgraphs' events (orders, refunds, tiers, survey
 * answers, campaign engagement; `events/consumers.ts`). Every write is keyed by the id of the
 * fact's source (order, survey) or keeps the newest value (tier), so redelivered and out-of-order
 * events change nothing the second time; no dedupe table is needed. After each fact the member's
 * rule tags and segments are re-evaluated.
 */
export class ProfileFacts {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly repo: ProfileRepository,
    private readonly segments: SegmentService,
    private readonly scopes: MemberScopes,
    private readonly logger: Logger,
  ) {}

  async orderPlaced(tenant: string, o: PlacedOrder): Promise<void> {
    const memberId = o.memberId;
    if (!memberId) return;
    await this.repo.recordOrder(tenant, memberId, o.orderId, {
      amount: o.amount,
      placedAt: o.placedAt,
      storeId: o.storeId,
    });
    if (o.storeId) await this.boughtAt(tenant, memberId, o.storeId, o.at);
    await this.segments.refresh(tenant, [memberId]);
  }

  /** `refundedTotal` is cumulative: the largest seen wins, so any delivery order gives the same net. */
  async orderRefunded(
    tenant: string,
    r: { orderId: string; memberId?: string; refundedTotal: number },
  ): Promise<void> {
    const memberId = r.memberId;
    if (!memberId) return;
    await this.repo.recordRefund(tenant, memberId, r.orderId, r.refundedTotal);
    await this.segments.refresh(tenant, [memberId]);
  }

  /** Keeps the newest tier only (tier events may arrive out of order). */
  async tierChanged(tenant: string, memberId: string, tier: string, at: Date): Promise<void> {
    await this.repo.recordTier(tenant, memberId, tier, at);
    await this.segments.refresh(tenant, [memberId]);
  }

  /** Satisfaction, and what the answer says about the member as SURVEY tags. */
  async surveyAnswered(
    tenant: string,
    s: { memberId: string; surveyId: string; score: number; tags: string[]; answeredAt: Date },
  ): Promise<void> {
    await this.repo.recordSurvey(tenant, s.memberId, s.surveyId, s.score, s.answeredAt);
    await this.repo.addTags(tenant, s.memberId, s.tags, 'SURVEY', s.answeredAt);
    await this.segments.refresh(tenant, [s.memberId]);
  }

  /** An interaction, keyed by its event id (a redelivery counts once), and its CAMPAIGN tags. */
  async campaignEngaged(
    tenant: string,
    e: { memberId: string; eventId: string; tags: string[]; at: Date },
  ): Promise<void> {
    await this.repo.recordEngagement(tenant, e.memberId, e.eventId, e.at);
    await this.repo.addTags(tenant, e.memberId, e.tags, 'CAMPAIGN', e.at);
    await this.segments.refresh(tenant, [e.memberId]);
  }

  /** A clerk sees members who bought at its store (RUNTIME.md), so a purchase widens visibility. */
  private async boughtAt(tenant: string, memberId: string, storeId: string, now: Date): Promise<void> {
    const repo = this.dir.repo;
    const [member, store] = [
      await repo.member(tenant, memberId),
      (await repo.storesByIds(tenant, [storeId]))[0],
    ];
    if (!member || !store) {
      if (!store)
        this.logger.warn({ tenant, storeId }, 'order from an unknown store: visibility not widened');
      return;
    }
    if ((member.ownStoreIds ?? []).includes(storeId)) return;
    await repo.addStore(
      tenant,
      memberId,
      storeId,
      store.region,
      (await this.dir.ancestors(tenant, member)).map((a) => a._id),
      now,
    );
    await this.scopes.announce(tenant, [memberId]);
  }
}
