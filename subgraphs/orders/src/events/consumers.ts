import {
  MemberIdentified,
  MemberMerged,
  MemberUnmerged,
  type EventEnvelope,
  isEvent,
  parseEvent,
} from '@zhongtai/contracts';
import type { EventBus, Subscription } from '@zhongtai/subgraph-kit';
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
    batch: { handler: (raws) => handleBatch(services, raws) },
  });
}

/** Events that queued up together: members created at stores (a history import's) added in one write per tenant, the rest one by one. */
export async function handleBatch({ follow }: OrdersConsumerServices, raws: EventEnvelope[]): Promise<void> {
  const joined = new Map<string, Array<{ memberId: string; storeId: string; at: Date }>>();
  for (const raw of raws) {
    const e = parseEvent(raw);
    if (!isEvent(e, MemberIdentified)) await handle({ follow }, raw);
    else if (e.payload.created && e.payload.storeId)
      joined.set(e.tenant, [
        ...(joined.get(e.tenant) ?? []),
        { memberId: e.payload.memberId, storeId: e.payload.storeId, at: new Date(e.occurredAt) },
      ]);
  }
  for (const [tenant, members] of joined) await follow.membersJoined(tenant, members);
}

/** One event, one service call. */
export async function handle({ follow }: OrdersConsumerServices, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, MemberMerged)) await follow.memberMerged(e.tenant, e.payload);
  else if (isEvent(e, MemberUnmerged)) await follow.memberUnmerged(e.tenant, e.payload);
  else if (isEvent(e, MemberIdentified))
    await follow.memberIdentified(e.tenant, e.payload, new Date(e.occurredAt));
}
