import { MemberMerged, MemberUnmerged, type EventEnvelope, isEvent, parseEvent } from '@zhongtai/contracts';
import type { EventBus, Subscription } from '@zhongtai/subgraph-kit';
import type { CouponService } from '../service/coupon-service.js';

export const CONTENT_GROUP = 'content.members';

export interface ContentConsumers {
  coupons: CouponService;
}

/**
 * What content follows: merges and their undo (a member's coupons move to the survivor and back).
 * Moves are recorded per merge, so a redelivered event changes nothing.
 */
export function subscribeContent(bus: EventBus, services: ContentConsumers): Promise<Subscription> {
  return bus.subscribe({
    group: CONTENT_GROUP,
    events: [MemberMerged.name, MemberUnmerged.name],
    handler: (raw) => handle(services, raw),
  });
}

export async function handle(s: ContentConsumers, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, MemberMerged)) await s.coupons.followMerge(e.tenant, e.payload);
  else if (isEvent(e, MemberUnmerged)) await s.coupons.followUnmerge(e.tenant, e.payload.mergeId);
}
