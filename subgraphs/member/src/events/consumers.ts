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
  type PayloadOf,
} from '@zhongtai/contracts';
import { type EventBus, type Subscription, batchPerTenant } from '@zhongtai/subgraph-kit';
import type { PlacedOrder, ProfileFacts } from '../service/profile-facts.js';

type OrderEvent = EventEnvelope<PayloadOf<typeof OrderCompleted>>;

export const PROFILE_FACTS_GROUP = 'member.profile';

/**
 * Feeds the profile-facts projection from other subgraphs' events (orders, refunds, tiers, survey
 * answers, campaign engagement). Every write is keyed by the id of the fact's source (order,
 * survey) or keeps the newest value (tier), so redelivered and out-of-order events change nothing
 * the second time; no dedupe table is needed.
 */
export function subscribeMember(bus: EventBus, facts: ProfileFacts): Promise<Subscription> {
  return bus.subscribe({
    group: PROFILE_FACTS_GROUP,
    events: [
      OrderCompleted.name,
      OrderImported.name,
      OrderRefunded.name,
      TierChanged.name,
      SurveyAnswered.name,
      CampaignEngaged.name,
    ],
    handler: (raw) => handle(facts, raw),
    // orders that queued up together (a history import announces its orders in batches) applied as one
    // batch per tenant (`ProfileFacts.ordersPlaced`), anything else one by one
    batch: {
      handler: batchPerTenant(
        (e) => (isEvent(e, OrderCompleted) || isEvent(e, OrderImported) ? placedOrder(e) : undefined),
        (tenant, orders) => facts.ordersPlaced(tenant, orders),
        (raw) => handle(facts, raw),
      ),
    },
  });
}

const placedOrder = (e: OrderEvent): PlacedOrder => ({
  orderId: e.payload.orderId,
  memberId: e.payload.memberId,
  amount: e.payload.total.amount,
  placedAt: new Date(e.payload.placedAt),
  storeId: e.payload.storeId,
  at: new Date(e.occurredAt),
});

/** One event, one call into the projection. */
export async function handle(facts: ProfileFacts, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, OrderCompleted) || isEvent(e, OrderImported)) {
    await facts.orderPlaced(e.tenant, placedOrder(e));
  } else if (isEvent(e, OrderRefunded)) {
    await facts.orderRefunded(e.tenant, e.payload);
  } else if (isEvent(e, TierChanged)) {
    await facts.tierChanged(e.tenant, e.payload.memberId, e.payload.to, new Date(e.occurredAt));
  } else if (isEvent(e, SurveyAnswered)) {
    const p = e.payload;
    await facts.surveyAnswered(e.tenant, {
      memberId: p.memberId,
      surveyId: p.surveyId,
      score: p.score,
      tags: p.tags,
      answeredAt: new Date(p.answeredAt),
    });
  } else if (isEvent(e, CampaignEngaged)) {
    const p = e.payload;
    // the event id keys the interaction: a redelivery counts once
    await facts.campaignEngaged(e.tenant, {
      memberId: p.memberId,
      eventId: e.id,
      tags: p.tags,
      at: new Date(p.at),
    });
  }
}
