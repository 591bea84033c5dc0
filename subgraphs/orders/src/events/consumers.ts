import {
  MemberIdentified,
  MemberMerged,
  MemberUnmerged,
  StoreChanged,
  type EventEnvelope,
  isEvent,
  parseEvent,
} from '@zhongtai/contracts';
import type { EventBus, Subscription, TenantCalendar } from '@zhongtai/subgraph-kit';
import type { OrderRepository } from '../store/order-repository.js';

export const ORDERS_GROUP = 'orders.follow';

/**
 * What the orders subgraph follows: merges (a member's orders include those of members merged into
 * it, until the merge is undone), store regions (a manager's scope) and members joining at a store
 * (new members per store, on the tenant's business day they joined). Every write is keyed, so
 * redelivery changes nothing.
 */
export function subscribeOrders(
  bus: EventBus,
  repo: OrderRepository,
  calendar: TenantCalendar,
): Promise<Subscription> {
  return bus.subscribe({
    group: ORDERS_GROUP,
    events: [MemberMerged.name, MemberUnmerged.name, StoreChanged.name, MemberIdentified.name],
    handler: (raw) => handle(repo, calendar, raw),
  });
}

async function handle(repo: OrderRepository, calendar: TenantCalendar, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, MemberMerged))
    await repo.link(e.tenant, e.payload.survivorId, e.payload.mergedId, e.payload.mergeId);
  else if (isEvent(e, MemberUnmerged))
    await repo.unlink(e.tenant, e.payload.survivorId, e.payload.mergedId, e.payload.mergeId);
  else if (isEvent(e, StoreChanged)) await repo.upsertStore(e.tenant, e.payload.storeId, e.payload.region);
  else if (isEvent(e, MemberIdentified) && e.payload.created && e.payload.storeId) {
    const day = calendar.businessDay(new Date(e.occurredAt), e.tenant);
    await repo.addNewMember(e.tenant, e.payload.storeId, day, e.payload.memberId);
  }
}
