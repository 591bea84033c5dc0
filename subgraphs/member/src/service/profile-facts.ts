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
    await this.ordersPlaced(tenant, [o]);
  }

  /**
   * Orders announced together (a history import's batch): their facts in one write, the stores they
   * widen visibility to, then each member's rule tags and segments re-evaluated once.
   */
  async ordersPlaced(tenant: string, orders: PlacedOrder[]): Promise<void> {
    const mine = orders.flatMap((o) => (o.memberId ? [{ ...o, memberId: o.memberId }] : []));
    if (!mine.length) return;
    await this.repo.recordOrders(tenant, mine);
    const visits = new Map<string, { memberId: string; storeId: string; at: Date }>();
    for (const o of mine)
      if (o.storeId) visits.set(`${o.memberId}|${o.storeId}`, { ...o, storeId: o.storeId });
    await this.boughtAt(tenant, [...visits.values()]);
    await this.segments.refresh(tenant, [...new Set(mine.map((o) => o.memberId))]);
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
  private async boughtAt(
    tenant: string,
    visits: Array<{ memberId: string; storeId: string; at: Date }>,
  ): Promise<void> {
    if (!visits.length) return;
    const repo = this.dir.repo;
    const [members, stores] = await Promise.all([
      repo.membersByIds(tenant, [...new Set(visits.map((v) => v.memberId))]),
      repo.storesByIds(tenant, [...new Set(visits.map((v) => v.storeId))]),
    ]);
    const memberOf = new Map(members.map((m) => [m._id, m]));
    const storeOf = new Map(stores.map((st) => [st.storeId, st]));
    const widened: string[] = [];
    for (const v of visits) {
      const member = memberOf.get(v.memberId);
      const store = storeOf.get(v.storeId);
      if (!store)
        this.logger.warn(
          { tenant, storeId: v.storeId },
          'order from an unknown store: visibility not widened',
        );
      if (!member || !store || (member.ownStoreIds ?? []).includes(v.storeId)) continue;
      await this.dir.addStore(tenant, member, store, v.at);
      widened.push(v.memberId);
    }
    if (widened.length) await this.scopes.announce(tenant, [...new Set(widened)]);
  }
}
