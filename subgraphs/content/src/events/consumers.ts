import {
  MemberMerged,
  MemberProfileChanged,
  MemberUnmerged,
  StoreChanged,
  type EventEnvelope,
  isEvent,
  parseEvent,
} from '@zhongtai/contracts';
import type { EventBus, Subscription } from '@zhongtai/subgraph-kit';
import type { AudienceService } from '../service/audience-service.js';
import type { CouponService } from '../service/coupon-service.js';

export const CONTENT_GROUP = 'content.members';

export interface ContentConsumers {
  coupons: CouponService;
  audiences: AudienceService;
}

/**
 * What content follows: members' profiles (segments, tags, tier, stores: what feeds are targeted
 * by), stores' regions, merges and their undo (a member's coupons move to the survivor and back).
 * Profiles keep the newest announcement and moves are recorded per merge, so a redelivered or late
 * event changes nothing.
 */
export function subscribeContent(bus: EventBus, services: ContentConsumers): Promise<Subscription> {
  return bus.subscribe({
    group: CONTENT_GROUP,
    events: [MemberProfileChanged.name, StoreChanged.name, MemberMerged.name, MemberUnmerged.name],
    handler: (raw) => handle(services, raw),
  });
}

export async function handle(s: ContentConsumers, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, MemberProfileChanged))
    await s.audiences.profileChanged(e.tenant, e.payload, new Date(e.occurredAt));
  else if (isEvent(e, StoreChanged))
    await s.audiences.storeChanged(e.tenant, e.payload.storeId, e.payload.region);
  else if (isEvent(e, MemberMerged)) await s.coupons.followMerge(e.tenant, e.payload);
  else if (isEvent(e, MemberUnmerged)) await s.coupons.followUnmerge(e.tenant, e.payload.mergeId);
}
