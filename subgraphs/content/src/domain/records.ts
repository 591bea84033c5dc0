import type { Channel } from '@zhongtai/contracts';

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
}

/** A campaign and its funnel (R-CT-3). */
export interface CampaignDoc {
  /** `${tenant}|${id}` */
  _id: string;
  tenant: string;
  campaignId: string;
  name: string;
  funnel: CampaignFunnelCounts;
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
  _id: string;
  tenant: string;
  memberId: string;
  /** the offer's item id */
  offerId: string;
  code: string;
  claimedAt: Date;
  redeemedAt?: Date;
}
