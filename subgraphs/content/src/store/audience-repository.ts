import type { Connection } from 'mongoose';
import { type Cache, ReadThrough, bulkWriteOnce, isDuplicateKey } from '@zhongtai/subgraph-kit';
import type { Audience } from '../domain/targeting.js';
import { type AudienceDoc, scopedKey } from '../domain/records.js';
import { contentModels } from './models.js';

/** Members' profiles as content targets them (from `member.profileChanged`) and stores' regions. */
export class AudienceRepository {
  private readonly m: ReturnType<typeof contentModels>;
  /** each store's region (master data from `store.changed`, read for every member's audience): written through */
  private readonly regions: ReadThrough<{ region: string }>;

  constructor(db: Connection, cache: Cache) {
    this.m = contentModels(db);
    this.regions = new ReadThrough({ cache, prefix: 'content:store-region:', ttlSeconds: 300 });
  }

  async audiences(tenant: string, memberIds: readonly string[]): Promise<AudienceDoc[]> {
    return this.m.Audience.find({ _id: { $in: memberIds.map((id) => scopedKey(tenant, id)) } }).lean<
      AudienceDoc[]
    >();
  }

  /**
   * Records a member's profile unless a newer one is recorded already (events may arrive out of
   * order): the profile it replaced (null for the first), or `stale` when a newer one stays.
   */
  async save(
    tenant: string,
    memberId: string,
    a: Audience & { lifecycleStage: string; birthday: string | null },
    at: Date,
  ): Promise<AudienceDoc | null | 'stale'> {
    const _id = scopedKey(tenant, memberId);
    try {
      return await this.m.Audience.findOneAndUpdate(
        { _id, at: { $lt: at } },
        { $set: { tenant, memberId, ...a, at } },
        { upsert: true, new: false },
      ).lean<AudienceDoc>();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return 'stale'; // a newer profile is there: it stays
    }
  }

  /**
   * Many members' profiles at once (a batch of announcements), each unless a newer one is recorded
   * already: one unordered write, whose upserts that meet a newer profile are refused by its `_id`.
   */
  async saveMany(
    tenant: string,
    rows: Array<{
      memberId: string;
      audience: Audience & { lifecycleStage: string; birthday: string | null };
      at: Date;
    }>,
  ): Promise<void> {
    if (!rows.length) return;
    await bulkWriteOnce(
      this.m.Audience.collection,
      rows.map((r) => ({
        updateOne: {
          filter: { _id: scopedKey(tenant, r.memberId), at: { $lt: r.at } },
          update: { $set: { tenant, memberId: r.memberId, ...r.audience, at: r.at } },
          upsert: true,
        },
      })),
    );
  }

  /**
   * Items the member saw (the latest `keep` are kept). A member without a profile yet gets an empty one
   * dated at the epoch, so its first announcement still replaces it.
   */
  async markSeen(tenant: string, memberId: string, itemIds: string[], keep = 100): Promise<void> {
    await this.m.Audience.updateOne(
      { _id: scopedKey(tenant, memberId) },
      {
        $push: { seen: { $each: itemIds, $slice: -keep } },
        $setOnInsert: {
          tenant,
          memberId,
          segments: [],
          tags: [],
          tier: null,
          storeIds: [],
          regions: [],
          at: new Date(0),
        },
      },
      { upsert: true },
    );
  }

  /** A page of a tenant's members matching `filter` (a segment, birthdays), in id order after `after`. */
  page(
    tenant: string,
    filter: { segments?: string; birthday?: { $in: string[] } },
    after: string | null,
    limit: number,
  ): Promise<AudienceDoc[]> {
    return this.m.Audience.find({ tenant, ...filter, ...(after ? { _id: { $gt: after } } : {}) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<AudienceDoc[]>();
  }

  async setStoreRegion(tenant: string, storeId: string, region: string): Promise<void> {
    await this.m.StoreRegion.updateOne(
      { _id: scopedKey(tenant, storeId) },
      { $set: { tenant, storeId, region } },
      { upsert: true },
    );
    await this.regions.put(scopedKey(tenant, storeId), { region });
  }

  async regionsOf(tenant: string, storeIds: readonly string[]): Promise<string[]> {
    if (!storeIds.length) return [];
    const docs = await this.regions.loadOfTenant(tenant, storeIds, async (missing) =>
      (
        await this.m.StoreRegion.find({
          _id: { $in: missing.map((s) => scopedKey(tenant, s)) },
        }).lean<Array<{ storeId: string; region: string }>>()
      ).map((d) => ({ id: d.storeId, value: { region: d.region } })),
    );
    return [...new Set(docs.map((d) => d.region))].sort();
  }
}
