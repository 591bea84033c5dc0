import type { Connection } from 'mongoose';
import type { Channel } from '@zhongtai/contracts';
import { type CampaignDoc, type ContentItemDoc, type CouponDoc, scopedKey } from '../domain/records.js';
import { contentModels } from './models.js';

export class ContentRepository {
  private readonly m: ReturnType<typeof contentModels>;
  constructor(db: Connection) {
    this.m = contentModels(db);
  }

  async init(): Promise<void> {
    await Promise.all(Object.values(this.m).map((model) => model.init()));
  }

  async items(tenant: string, ids: readonly string[]): Promise<ContentItemDoc[]> {
    return this.m.Item.find({ _id: { $in: ids.map((id) => scopedKey(tenant, id)) } }).lean<
      ContentItemDoc[]
    >();
  }

  async latestForChannel(tenant: string, channel: Channel, limit: number): Promise<ContentItemDoc[]> {
    return this.m.Item.find({ tenant, channels: channel })
      .sort({ publishedAt: -1 })
      .limit(limit)
      .lean<ContentItemDoc[]>();
  }

  async upsertItem(doc: Omit<ContentItemDoc, '_id'>): Promise<void> {
    await this.m.Item.updateOne({ _id: scopedKey(doc.tenant, doc.itemId) }, { $set: doc }, { upsert: true });
  }

  async campaign(tenant: string, id: string): Promise<CampaignDoc | null> {
    return this.m.Campaign.findById(scopedKey(tenant, id)).lean<CampaignDoc>();
  }

  async couponsOf(tenant: string, memberIds: readonly string[]): Promise<CouponDoc[]> {
    return this.m.Coupon.find({ tenant, memberId: { $in: memberIds } })
      .sort({ claimedAt: -1 })
      .lean<CouponDoc[]>();
  }
}
