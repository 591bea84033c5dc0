import {
  MemberIdentified,
  MemberMerged,
  MemberUnmerged,
  type EventEnvelope,
  isEvent,
  parseEvent,
} from '@zhongtai/contracts';
import { type EventBus, type Subscription, batchPerTenant } from '@zhongtai/subgraph-kit';
import type { FollowService } from '../service/follow-service.js';

export const ORDERS_GROUP = 'orders.follow';

/** The services the consumers call. */
export interface OrdersConsumerServices {
  follow: FollowService;
}

/**
 * What the orders subgraph follows: merges (a member's orders include those of members merged into
 * it, until the merge is undone), and members joining at a store
 * (new members per store, on the tenant's business day they joined). Every write is keyed, so
 * redelivery changes nothing.
 */
export function subscribeOrders(bus: EventBus, services: OrdersConsumerServices): Promise<Subscription> {
  return bus.subscribe({
    group: ORDERS_GROUP,
    events: [MemberMerged.name, MemberUnmerged.name, MemberIdentified.name],
    handler: (raw) => handle(services, raw),
    // members created at stores that queued up together (a history import's) added in one write per
    // tenant; anything else one by one
    batch: {
      handler: batchPerTenant(
        (e) =>
          isEvent(e, MemberIdentified) && e.payload.created && e.payload.storeId
            ? { memberId: e.payload.memberId, storeId: e.payload.storeId, at: new Date(e.occurredAt) }
            : undefined,
        (tenant, members) => services.follow.membersJoined(tenant, members),
        (raw) => handle(services, raw),
      ),
    },
  });
}

/** One event, one service call. */
export async function handle({ follow }: OrdersConsumerServices, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, MemberMerged)) await follow.memberMerged(e.tenant, e.payload);
  else if (isEvent(e, MemberUnmerged)) await follow.memberUnmerged(e.tenant, e.payload);
  else if (isEvent(e, MemberIdentified))
    await follow.memberIdentified(e.tenant, e.payload, new Date(e.occurredAt));
}
