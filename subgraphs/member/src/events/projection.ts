import {
  CampaignEngaged,
  OrderCompleted,
  OrderImported,
  OrderRefunded,
  SurveyAnswered,
  TierChanged,
  isEvent,
  parseEvent,
  type EventEnvelope,
} from '@zhongtai/contracts';
import type { EventBus, Logger, Subscription } from '@zhongtai/subgraph-kit';
import type { MemberDirectory } from '../service/directory.js';
import type { ProfileService } from '../service/profile-service.js';
import type { MemberScopes } from '../service/scopes.js';
import type { ProfileRepository } from '../store/profile-repository.js';

export const PROJECTION_GROUP = 'member.profile';

/**
 * Feeds the profile-facts projection from other subgraphs' events (orders, refunds, tiers, survey
 * answers, campaign engagement). Every write is keyed by the id
 * of the fact's source (order, survey) or keeps the newest value (tier), so redelivered and
 * out-of-order events change nothing the second time; no dedupe table is needed.
 */
export class ProfileProjection {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly facts: ProfileRepository,
    private readonly profiles: ProfileService,
    private readonly scopes: MemberScopes,
    private readonly logger: Logger,
  ) {}

  subscribe(bus: EventBus): Promise<Subscription> {
    return bus.subscribe({
      group: PROJECTION_GROUP,
      events: [
        OrderCompleted.name,
        OrderImported.name,
        OrderRefunded.name,
        TierChanged.name,
        SurveyAnswered.name,
        CampaignEngaged.name,
      ],
      handler: (raw) => this.handle(raw),
    });
  }

  async handle(raw: EventEnvelope): Promise<void> {
    const event = parseEvent(raw);
    const tenant = event.tenant;
    let memberId: string | undefined;
    if (isEvent(event, OrderCompleted) || isEvent(event, OrderImported)) {
      const p = event.payload;
      memberId = p.memberId;
      if (!memberId) return;
      await this.facts.recordOrder(tenant, memberId, p.orderId, {
        amount: p.total.amount,
        placedAt: new Date(p.placedAt),
        storeId: p.storeId,
      });
      if (p.storeId) await this.boughtAt(tenant, memberId, p.storeId, new Date(event.occurredAt));
    } else if (isEvent(event, OrderRefunded)) {
      memberId = event.payload.memberId;
      if (!memberId) return;
      await this.facts.recordRefund(tenant, memberId, event.payload.orderId, event.payload.refundedTotal);
    } else if (isEvent(event, TierChanged)) {
      memberId = event.payload.memberId;
      await this.facts.recordTier(tenant, memberId, event.payload.to, new Date(event.occurredAt));
    } else if (isEvent(event, SurveyAnswered)) {
      const p = event.payload;
      memberId = p.memberId;
      await this.facts.recordSurvey(tenant, memberId, p.surveyId, p.score, new Date(p.answeredAt));
      for (const tag of p.tags)
        await this.facts.addTag(tenant, memberId, tag, 'SURVEY', new Date(p.answeredAt));
    } else if (isEvent(event, CampaignEngaged)) {
      const p = event.payload;
      memberId = p.memberId;
      await this.facts.recordEngagement(tenant, memberId, event.id, new Date(p.at));
      for (const tag of p.tags) await this.facts.addTag(tenant, memberId, tag, 'CAMPAIGN', new Date(p.at));
    }
    if (memberId) await this.profiles.refresh(tenant, [memberId]);
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
