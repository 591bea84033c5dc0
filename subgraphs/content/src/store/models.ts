import { Schema, type Connection } from 'mongoose';
import { dueFields, modelOn } from '@zhongtai/subgraph-kit';
import type {
  AudienceDoc,
  CampaignDoc,
  CampaignStoreDoc,
  ClerkStatsDoc,
  ContentItemDoc,
  CouponDoc,
  DeliveryDoc,
  RecruitDoc,
} from '../domain/records.js';

const item = new Schema<ContentItemDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    itemId: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    channels: { type: [String], default: [] },
    publishedAt: { type: Date, required: true },
    offer: { type: Schema.Types.Mixed, default: null },
    targeting: { type: Schema.Types.Mixed, default: null },
    reach: { type: [String], default: undefined },
    showUntil: Date,
    issued: Number,
    remaining: Number,
    lastClaimAt: Date,
    unchecked: Boolean,
  },
  { versionKey: false },
);
item.index({ tenant: 1, publishedAt: -1 });
item.index({ unchecked: 1, lastClaimAt: 1 });
item.index({ tenant: 1, reach: 1, publishedAt: -1 });

const audience = new Schema<AudienceDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    segments: [String],
    tags: [String],
    tier: String,
    storeIds: [String],
    regions: [String],
    lifecycleStage: String,
    birthday: String,
    seen: [String],
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
audience.index({ tenant: 1, segments: 1, _id: 1 });
audience.index({ tenant: 1, birthday: 1, _id: 1 });

const storeRegion = new Schema<{ _id: string; tenant: string; storeId: string; region: string }>(
  { _id: String, tenant: String, storeId: String, region: String },
  { versionKey: false },
);

const campaign = new Schema<CampaignDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    campaignId: String,
    name: String,
    funnel: { type: Schema.Types.Mixed, required: true },
    trigger: String,
    offerId: String,
    template: String,
    active: Boolean,
    attributionDays: Number,
    capHours: Number,
    quietHours: { type: Schema.Types.Mixed },
    segmentId: String,
    startAt: Date,
    fanOut: { type: Schema.Types.Mixed },
    updatedAt: Date,
  },
  { versionKey: false, minimize: false },
);
campaign.index({ tenant: 1, trigger: 1, active: 1 });

const campaignStore = new Schema<CampaignStoreDoc>(
  {
    _id: String,
    tenant: String,
    campaignId: String,
    storeId: String,
    funnel: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);

const delivery = new Schema<DeliveryDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    campaignId: { type: String, required: true },
    memberId: { type: String, required: true },
    storeId: String,
    offerId: String,
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    sentAt: Date,
    sentVia: String,
    clickedAt: Date,
    sharedAt: Date,
    claimedAt: Date,
    referrals: Number,
    referredBy: String,
    purchasedOrderId: String,
    pointsAwarded: Number,
    via: { type: Schema.Types.Mixed },
    ...dueFields,
  },
  { versionKey: false },
);
delivery.index({ dueAt: 1 });
delivery.index({ tenant: 1, memberId: 1, sentAt: -1 });
delivery.index({ tenant: 1, purchasedOrderId: 1 });
delivery.index({ tenant: 1, campaignId: 1, memberId: 1, createdAt: -1 });

/**
 * Per order, for the funnel's `pointsAwarded`: the points it earned (`points.changed`) and whether a
 * campaign counted it (whichever arrives second credits the delivery).
 */
const orderPoints = new Schema<{
  _id: string;
  tenant: string;
  orderId: string;
  points?: number;
  attributed?: boolean;
}>(
  { _id: String, tenant: String, orderId: String, points: Number, attributed: Boolean },
  { versionKey: false },
);

/** Messages sent per channel and minute (the campaign sender's rate limit); a new minute clears old ones. */
const sendRate = new Schema<{ _id: string; n: number; expiresAt: Date }>(
  { _id: String, n: Number, expiresAt: Date },
  { versionKey: false },
);
sendRate.index({ expiresAt: 1 }); // no TTL index: the embedded store has none (repository clears)

const recruit = new Schema<RecruitDoc>(
  {
    _id: String,
    tenant: String,
    memberId: String,
    clerkId: String,
    storeId: String,
    at: Date,
    via: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
recruit.index({ tenant: 1, memberId: 1, at: 1 });
recruit.index({ tenant: 1, storeId: 1, clerkId: 1, at: -1 });

const clerkStats = new Schema<ClerkStatsDoc>(
  {
    _id: String,
    tenant: String,
    storeId: String,
    clerkId: String,
    joins: Number,
    orders: Number,
    sales: Number,
    couponsRedeemed: Number,
  },
  { versionKey: false },
);

/** orders counted for a clerk, once each (`${tenant}|${orderId}`) */
const clerkOrder = new Schema<{ _id: string }>({ _id: String }, { versionKey: false });

const contact = new Schema<{ _id: string; lastSentAt: Date }>(
  { _id: String, lastSentAt: Date },
  { versionKey: false },
);

const coupon = new Schema<CouponDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    claimedBy: { type: String, required: true },
    offerId: { type: String, required: true },
    code: { type: String, required: true },
    codeKey: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    validUntil: { type: Date, required: true },
    redeemedAt: Date,
    redeemedStoreId: String,
    redeemedOrderId: String,
    via: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
coupon.index({ tenant: 1, memberId: 1 });
coupon.index({ tenant: 1, codeKey: 1 }, { unique: true });
coupon.index({ tenant: 1, offerId: 1 });

export function contentModels(db: Connection) {
  return {
    Item: modelOn(db, 'ContentItem', item, 'content_items'),
    Campaign: modelOn(db, 'Campaign', campaign, 'campaigns'),
    Coupon: modelOn(db, 'Coupon', coupon, 'coupons'),
    Audience: modelOn(db, 'Audience', audience, 'audiences'),
    CampaignStore: modelOn(db, 'CampaignStore', campaignStore, 'campaign_stores'),
    Delivery: modelOn(db, 'Delivery', delivery, 'deliveries'),
    Contact: modelOn(db, 'Contact', contact, 'campaign_contacts'),
    Recruit: modelOn(db, 'Recruit', recruit, 'recruits'),
    ClerkStats: modelOn(db, 'ClerkStats', clerkStats, 'clerk_stats'),
    ClerkOrder: modelOn(db, 'ClerkOrder', clerkOrder, 'clerk_orders'),
    StoreRegion: modelOn(db, 'StoreRegion', storeRegion, 'store_regions'),
    SendRate: modelOn(db, 'SendRate', sendRate, 'send_rates'),
    OrderPoints: modelOn(db, 'OrderPoints', orderPoints, 'campaign_order_points'),
  };
}
