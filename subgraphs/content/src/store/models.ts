import { Schema, type Connection } from 'mongoose';
import { modelOn } from '@zhongtai/subgraph-kit';
import type { AudienceDoc, CampaignDoc, ContentItemDoc, CouponDoc } from '../domain/records.js';

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
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

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
  },
  { versionKey: false, minimize: false },
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
    StoreRegion: modelOn(db, 'StoreRegion', storeRegion, 'store_regions'),
  };
}
