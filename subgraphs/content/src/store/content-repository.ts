import type { Connection } from 'mongoose';
import type { Channel } from '@zhongtai/contracts';
import { insertOnce } from '@zhongtai/subgraph-kit';
import { type ContentItemDoc, scopedKey } from '../domain/records.js';
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

  /**
   * The newest items of a channel found by any of these audience keys and not ended (index
   * `tenant, reach, publishedAt`): the feed's candidates, checked exactly afterwards.
   */
  async feedCandidates(
    tenant: string,
    channel: Channel,
    keys: readonly string[],
    now: Date,
    limit: number,
  ): Promise<ContentItemDoc[]> {
    return this.m.Item.find(
      { tenant, reach: { $in: keys.map((k) => `${channel}|${k}`) }, showUntil: { $gt: now } },
      { reach: 0 }, // the index keys are not needed once found (and are the largest field)
    )
      .sort({ publishedAt: -1 })
      .limit(limit)
      .batchSize(limit) // one command: the driver's first batch is otherwise 101 documents
      .lean<ContentItemDoc[]>();
  }

  async item(tenant: string, id: string): Promise<ContentItemDoc | null> {
    return this.m.Item.findById(scopedKey(tenant, id)).lean<ContentItemDoc>();
  }

  /** Publishes an item that is not an offer (an offer's counters, if it was one, are kept). */
  async upsertItem(doc: Omit<ContentItemDoc, '_id'>): Promise<void> {
    await this.m.Item.updateOne({ _id: scopedKey(doc.tenant, doc.itemId) }, { $set: doc }, { upsert: true });
  }

  /**
   * Publishes a coupon offer with its stock change, only if the offer is still as `before` was read
   * (its stock; its issued count where the change is computed from it): false when a concurrent
   * save or a claim came first (read again and retry).
   */
  async saveOffer(
    doc: Omit<ContentItemDoc, '_id'>,
    before: ContentItemDoc | null,
    change: { remainingDelta: number } | { remaining: number | null },
  ): Promise<boolean> {
    const _id = scopedKey(doc.tenant, doc.itemId);
    if (!before) return insertOnce(this.m.Item, { _id, ...doc, issued: 0, ...change });
    const fromIssued = 'remaining' in change;
    const r = await this.m.Item.updateOne(
      {
        _id,
        'offer.stock': before.offer?.stock ?? null,
        ...(fromIssued ? { issued: before.issued ?? null } : {}),
      },
      'remaining' in change
        ? { $set: { ...doc, issued: before.issued ?? 0, remaining: change.remaining } }
        : { $set: doc, $inc: { remaining: change.remainingDelta } },
    );
    return r.matchedCount === 1;
  }
}
