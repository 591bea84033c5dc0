import {
  MemberIdentified,
  MemberMerged,
  MemberProfileChanged,
  OrderCompleted,
  PointsChanged,
  SurveyAnswered,
  MemberUnmerged,
  StoreChanged,
  type EventEnvelope,
  isEvent,
  parseEvent,
} from '@zhongtai/contracts';
import { type EventBus, type Subscription, batchPerTenant } from '@zhongtai/subgraph-kit';
import type { AudienceService } from '../service/audience-service.js';
import type { CampaignService } from '../service/campaign-service.js';
import type { ClerkService } from '../service/clerk-service.js';
import type { CouponService } from '../service/coupon-service.js';

export const CONTENT_GROUP = 'content.members';

export interface ContentConsumers {
  coupons: CouponService;
  audiences: AudienceService;
  campaigns: CampaignService;
  clerks: ClerkService;
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
    events: [
      MemberProfileChanged.name,
      StoreChanged.name,
      MemberIdentified.name,
      SurveyAnswered.name,
      OrderCompleted.name,
      PointsChanged.name,
      MemberMerged.name,
      MemberUnmerged.name,
    ],
    handler: (raw) => handle(services, raw),
    // profiles that queued up together (a history import's members announced in bulk) saved per tenant
    // in one write, unless they start something (AT_RISK); anything else one by one, in order
    batch: {
      handler: batchPerTenant(
        (e) =>
          isEvent(e, MemberProfileChanged) && e.payload.lifecycleStage !== 'AT_RISK'
            ? { profile: e.payload, at: new Date(e.occurredAt) }
            : undefined,
        (tenant, profiles) => services.audiences.profilesChanged(tenant, profiles),
        (raw) => handle(services, raw),
      ),
    },
  });
}

export async function handle(s: ContentConsumers, raw: EventEnvelope): Promise<void> {
  const e = parseEvent(raw);
  if (isEvent(e, MemberProfileChanged)) {
    const p = e.payload;
    // its lifecycle turned AT_RISK: the churn-risk campaigns start (at most once a day)
    if (await s.audiences.profileChanged(e.tenant, p, new Date(e.occurredAt)))
      await s.campaigns.triggered(e.tenant, 'CHURN_RISK', {
        memberId: p.memberId,
        storeId: p.storeIds[0] ?? null,
      });
  } else if (isEvent(e, StoreChanged))
    await s.audiences.storeChanged(e.tenant, e.payload.storeId, e.payload.region);
  else if (isEvent(e, MemberIdentified)) {
    // joined by scanning a store's QR code in WeChat: the welcome campaigns start
    const p = e.payload;
    if (p.created && p.channel === 'WECHAT' && p.storeId)
      await s.campaigns.triggered(e.tenant, 'JOINED_IN_STORE', { memberId: p.memberId, storeId: p.storeId });
    // created through a clerk's QR code: the clerk's recruit (R-ID-4)
    if (p.created && p.recruitedBy && p.storeId)
      await s.clerks.recruited(e.tenant, {
        memberId: p.memberId,
        clerkId: p.recruitedBy,
        storeId: p.storeId,
        at: new Date(e.occurredAt),
      });
  } else if (isEvent(e, SurveyAnswered)) {
    const p = e.payload;
    if (p.score >= 4)
      await s.campaigns.triggered(e.tenant, 'SURVEY_SATISFIED', {
        memberId: p.memberId,
        storeId: p.storeId ?? null,
      });
  } else if (isEvent(e, OrderCompleted)) {
    const p = e.payload;
    const placedAt = new Date(p.placedAt);
    await s.campaigns.orderCompleted(e.tenant, { orderId: p.orderId, memberId: p.memberId, placedAt });
    await s.clerks.orderCompleted(e.tenant, {
      orderId: p.orderId,
      memberId: p.memberId,
      placedAt,
      amount: p.total.amount,
    });
  } else if (isEvent(e, PointsChanged)) {
    // points earned on an order: the funnel's `pointsAwarded` of the campaign its purchase counted for
    const p = e.payload;
    if (p.kind === 'EARN' && p.orderId)
      await s.campaigns.pointsEarned(e.tenant, p.orderId, p.delta + (p.pending ?? 0));
  } else if (isEvent(e, MemberMerged)) {
    await s.coupons.followMerge(e.tenant, e.payload);
    await s.campaigns.followMerge(e.tenant, e.payload);
    await s.clerks.followMerge(e.tenant, e.payload);
  } else if (isEvent(e, MemberUnmerged)) {
    await s.coupons.followUnmerge(e.tenant, e.payload.mergeId);
    await s.campaigns.followUnmerge(e.tenant, e.payload);
    await s.clerks.followUnmerge(e.tenant, e.payload);
  }
}
