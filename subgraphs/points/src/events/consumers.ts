import {
  MemberMerged,
  MemberUnmerged,
  OrderCompleted,
  OrderRefunded,
  SkuChanged,
  type EventEnvelope,
  isEvent,
  parseEvent,
} from '@zhongtai/contracts';
import type { EventBus, Subscription } from '@zhongtai/subgraph-kit';
import type { MergeReactions } from '../service/merge-reactions.js';
import type { OrderPointsService } from '../service/order-points.js';

type Services = { orders: OrderPointsService; merges: MergeReactions };

export const POINTS_GROUP = 'points.ledger';

/**
 * The ledger's reactions to other subgraphs. Every reaction posts entries under deterministic
 * idempotency keys (`order:<id>`, `reverse:<id>:<target>`, `merge-in:<mergeId>`, …), so a
 * redelivered event changes nothing the second time.
 */
export function subscribePoints(bus: EventBus, services: Services): Promise<Subscription> {
  return bus.subscribe({
    group: POINTS_GROUP,
    events: [
      OrderCompleted.name,
      OrderRefunded.name,
      MemberMerged.name,
      MemberUnmerged.name,
      SkuChanged.name,
    ],
    handler: (raw) => handle(services, raw),
  });
}

export async function handle(services: Services, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, OrderCompleted)) {
    const p = e.payload;
    await services.orders.completed(e.tenant, {
      orderId: p.orderId,
      memberId: p.memberId,
      channel: p.channel,
      storeId: p.storeId,
      placedAt: new Date(p.placedAt),
      total: p.total.amount,
      lines: p.lines,
      enteredBy: p.enteredBy ?? null,
    });
  } else if (isEvent(e, OrderRefunded)) {
    await services.orders.refunded(e.tenant, e.payload);
  } else if (isEvent(e, MemberMerged)) {
    await services.merges.merged(e.tenant, e.payload);
  } else if (isEvent(e, MemberUnmerged)) {
    await services.merges.unmerged(e.tenant, e.payload);
  } else if (isEvent(e, SkuChanged)) {
    await services.orders.skuChanged(e.tenant, e.payload.sku, e.payload.category);
  }
}
