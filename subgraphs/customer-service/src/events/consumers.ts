import {
  MemberMerged,
  MemberUnmerged,
  OrderCompleted,
  OrderRefunded,
  SkuChanged,
  StoreChanged,
  type EventEnvelope,
  isEvent,
  parseEvent,
} from '@zhongtai/contracts';
import type { EventBus, Subscription } from '@zhongtai/subgraph-kit';
import type { CatalogueService } from '../service/catalogue-service.js';
import type { MergeFollower } from '../service/merge-follower.js';
import type { SurveyPlanner } from '../service/survey-planner.js';

export const CARE_GROUP = 'customer-service.loop';

export interface CareConsumers {
  planner: SurveyPlanner;
  catalogue: CatalogueService;
  merges: MergeFollower;
}

/**
 * What customer service follows: completed orders (a survey scheduled), refunds (a survey not yet
 * sent cancelled), the item master's categories, stores' regions, merges and their undo. Every write is keyed (the
 * survey id is the order's, categories are set, merge moves are recorded per merge), so a
 * redelivered event changes nothing.
 */
export function subscribeCustomerService(bus: EventBus, services: CareConsumers): Promise<Subscription> {
  return bus.subscribe({
    group: CARE_GROUP,
    events: [
      OrderCompleted.name,
      OrderRefunded.name,
      SkuChanged.name,
      StoreChanged.name,
      MemberMerged.name,
      MemberUnmerged.name,
    ],
    handler: (raw) => handle(services, raw),
  });
}

export async function handle(s: CareConsumers, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, OrderCompleted)) {
    const p = e.payload;
    await s.planner.orderCompleted(e.tenant, {
      orderId: p.orderId,
      memberId: p.memberId,
      storeId: p.storeId,
      placedAt: new Date(p.placedAt),
      lines: p.lines,
      enteredBy: p.enteredBy ?? null,
    });
  } else if (isEvent(e, OrderRefunded)) await s.planner.orderRefunded(e.tenant, e.payload.orderId);
  else if (isEvent(e, SkuChanged)) await s.catalogue.skuChanged(e.tenant, e.payload.sku, e.payload.category);
  else if (isEvent(e, StoreChanged))
    await s.catalogue.storeChanged(e.tenant, e.payload.storeId, e.payload.region);
  else if (isEvent(e, MemberMerged)) await s.merges.merged(e.tenant, e.payload);
  else if (isEvent(e, MemberUnmerged)) await s.merges.unmerged(e.tenant, e.payload);
}
