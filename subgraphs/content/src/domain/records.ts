import type { Channel } from '@zhongtai/contracts';
import type { Audience, Targeting } from './targeting.js';

/**
 * The records the content subgraph keeps, as the rest of the code reads them (store/ maps them to
 * the collections `content_items`, `campaigns` and `coupons`; services and resolvers never see a
 * model).
 */

/** The id of a record scoped to a tenant: `${tenant}|${id}`. */
export const scopedKey = (tenant: string, id: string) => `${tenant}|${id}`;

export type ContentKind = 'ARTICLE' | 'PROMOTION' | 'STORE_INVITATION' | 'COUPON_OFFER';

/** A published piece of content (R-CT-1). */
export interface ContentItemDoc {
  /** `${tenant}|${id}` */
  _id: string;
  tenant: string;
  itemId: string;
  kind: ContentKind;
  title: string;
  body: string;
  channels: Channel[];
  publishedAt: Date;
  /** who it is for (absent on items published before targeting: everyone) */
  targeting?: Targeting | null;
  /** channel × audience key it is found by (`reachOf`) */
  reach?: string[];
  /** shown until (`targeting.until`, or far in the future): the feed's index skips ended items */
  showUntil?: Date;
  /** a COUPON_OFFER's terms (null for other kinds) */
  offer?: OfferTerms | null;
  /** coupons issued from this offer (claims count it up) */
  issued?: number;
  /** coupons left to issue (null or absent: no limit); a claim takes one only while above 0 */
  remaining?: number | null;
  /** the last claim; `unchecked` until `issued` was checked against the coupons after it (`reconcile`) */
  lastClaimAt?: Date | null;
  unchecked?: boolean;
}

/** The terms of a coupon offer (R-CT-4). */
export interface OfferTerms {
  /** coupons that may be issued in all; null: no limit */
  stock: number | null;
  /** claims are taken from / until these instants (null: no bound) */
  claimFrom: Date | null;
  claimUntil: Date | null;
  /** a claimed coupon is valid through the end of the tenant's day this many days after the claim */
  validDays: number;
}

/**
 * What starts a campaign for a member (R-CT-3): an event (a QR join, a satisfied survey, the member's
 * lifecycle turning AT_RISK), the member's birthday (each year), or HQ's schedule for a segment.
 */
export type CampaignTrigger = 'JOINED_IN_STORE' | 'SURVEY_SATISFIED' | 'CHURN_RISK' | 'BIRTHDAY' | 'SEGMENT';

/** A campaign and its funnel (R-CT-3). */
export interface CampaignDoc {
  /** `${tenant}|${id}` */
  _id: string;
  tenant: string;
  campaignId: string;
  name: string;
  funnel: CampaignFunnelCounts;
  /** absent on campaigns recorded before triggers: never started */
  trigger?: CampaignTrigger;
  /** the content item delivered (a coupon offer: its claims count in the funnel) */
  offerId?: string | null;
  /** the notification template of its message */
  template?: string;
  active?: boolean;
  /** a purchase this many days after the message counts for the campaign (last touch) */
  attributionDays?: number;
  /** at most one campaign message per member in this many hours (all campaigns) */
  capHours?: number;
  /** no messages between these times of the tenant's day (HH:mm; absent: 21:00–09:00) */
  quietHours?: { start: string; end: string };
  /** SEGMENT: the members of this segment, from `startAt` */
  segmentId?: string | null;
  startAt?: Date | null;
  /**
   * how far the fan-out of a SEGMENT or BIRTHDAY campaign got: the occurrence it is for (SEGMENT: `once`,
   * BIRTHDAY: the tenant's day), the last member scheduled, and whether it is done (resumable)
   */
  fanOut?: { occurrence: string; after: string | null; done: boolean } | null;
  updatedAt?: Date;
}

/** A campaign's funnel at one store (the store the member joined or answered at). */
export interface CampaignStoreDoc {
  /** `${tenant}|${campaignId}|${storeId}` */
  _id: string;
  tenant: string;
  campaignId: string;
  storeId: string;
  funnel: CampaignFunnelCounts;
}

export type DeliveryStatus = 'SCHEDULED' | 'SENT' | 'IN_APP' | 'SKIPPED';

/** What a channel app reports of a campaign it showed (`trackCampaign`). */
export type CampaignAction = 'CLICKED' | 'SHARED' | 'JOINED_VIA_SHARE';

/**
 * A campaign's message to one member: one per campaign and member (for a recurring trigger, one per
 * occurrence: a birthday's year, the day a member turned AT_RISK), sent by the scheduler.
 */
export interface DeliveryDoc {
  /** `${tenant}|${campaignId}|${memberId}`, `|${occurrence}` appended for a recurring trigger */
  _id: string;
  tenant: string;
  campaignId: string;
  memberId: string;
  storeId: string | null;
  offerId: string | null;
  status: DeliveryStatus;
  createdAt: Date;
  sentAt: Date | null;
  /** the channel it went out on (SMS, WECHAT_TEMPLATE), or APP (no consent: the feed shows the offer) */
  sentVia: string | null;
  /** the funnel steps this delivery counted once */
  clickedAt?: Date | null;
  sharedAt?: Date | null;
  claimedAt: Date | null;
  /** members who joined through this member's share of the campaign (the sharer's credit) */
  referrals?: number;
  /** the member whose share brought this one in */
  referredBy?: string | null;
  purchasedOrderId: string | null;
  /** the points the attributed purchase earned, once counted in the funnel */
  pointsAwarded?: number | null;
  /** the kit's DueClaims fields */
  dueAt: Date | null;
  attempts: number;
  leaseUntil: Date | null;
  leaseOwner: string | null;
  lastError: string | null;
  /** merges: who held it under each merge id (the kit's merge moves) */
  via?: Record<string, string>;
}

export interface CampaignFunnelCounts {
  sent: number;
  clicked: number;
  shared: number;
  joined: number;
  couponsClaimed: number;
  purchased: number;
  pointsAwarded: number;
}

/** A coupon a member claimed, of a `COUPON_OFFER` content item (R-CT-4). */
export interface CouponDoc {
  /** `${tenant}|${offerId}|${claimant}`: one coupon per member and offer */
  _id: string;
  tenant: string;
  /** who holds it now (merges move it to the survivor and back, `via`) */
  memberId: string;
  /** who claimed it */
  claimedBy: string;
  /** the offer's item id */
  offerId: string;
  /** as shown, `XXXX-XXXX-XXXX-XXXX` */
  code: string;
  /** the code normalised (`normaliseCode`): what a till's input is looked up by, unique per tenant */
  codeKey: string;
  claimedAt: Date;
  validUntil: Date;
  redeemedAt?: Date | null;
  redeemedStoreId?: string | null;
  /** the order the coupon was used on, when the till or the POS feed named it */
  redeemedOrderId?: string | null;
  via?: Record<string, string>;
}

/** The coupon's public id: its key without the tenant. */
export const couponId = (offerId: string, claimant: string) => `${offerId}|${claimant}`;

/** What content knows of a member (from `member.profileChanged`), for its feed. */
export interface AudienceDoc extends Audience {
  /** `${tenant}|${memberId}` */
  _id: string;
  tenant: string;
  memberId: string;
  /** the lifecycle stage announced last (a turn to AT_RISK starts churn-risk campaigns) */
  lifecycleStage?: string;
  /** `MM-DD`, when the member center knows it */
  birthday?: string | null;
  /** the items its apps reported it saw (`markContentSeen`), the latest 100: the feed ranks them last */
  seen?: string[];
  /** when the profile was announced: an older announcement changes nothing */
  at: Date;
}

/** A member a clerk (导购) recruited through its QR code (R-ID-4): `${tenant}|${memberId}`, one per member. */
export interface RecruitDoc {
  _id: string;
  tenant: string;
  memberId: string;
  clerkId: string;
  storeId: string;
  at: Date;
  /** merges: who held it under each merge id (the kit's merge moves) */
  via?: Record<string, string>;
}

/** A clerk's counters at a store (R-ID-4): `${tenant}|${storeId}|${clerkId}`. */
export interface ClerkStatsDoc {
  _id: string;
  tenant: string;
  storeId: string;
  clerkId: string;
  joins: number;
  orders: number;
  /** attributed sales, minor units */
  sales: number;
  couponsRedeemed: number;
}
