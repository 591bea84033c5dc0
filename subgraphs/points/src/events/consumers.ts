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
import type { PointsService } from '../service/points-service.js';

export const POINTS_GROUP = 'points.ledger';

/**
 * The ledger's reactions to other subgraphs. Every reaction posts entries under deterministic
 * idempotency keys (`order:<id>`, `reverse:<id>:<target>`, `merge-in:<mergeId>`, …), so a
 * redelivered event changes nothing the second time.
 */
export function subscribePoints(bus: EventBus, points: PointsService): Promise<Subscription> {
  return bus.subscribe({
    group: POINTS_GROUP,
    events: [
      OrderCompleted.name,
      OrderRefunded.name,
      MemberMerged.name,
      MemberUnmerged.name,
      SkuChanged.name,
    ],
    handler: (raw) => handle(points, raw),
  });
}

export async function handle(points: PointsService, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, OrderCompleted)) {
    const p = e.payload;
    await points.orderCompleted(e.tenant, {
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
    await points.orderRefunded(e.tenant, e.payload);
  } else if (isEvent(e, MemberMerged)) {
    await points.memberMerged(e.tenant, e.payload);
  } else if (isEvent(e, MemberUnmerged)) {
    await points.memberUnmerged(e.tenant, e.payload);
  } else if (isEvent(e, SkuChanged)) {
    await points.skuChanged(e.tenant, e.payload.sku, e.payload.category);
  }
}
