import type { Connection } from 'mongoose';
import type { Channel, EventEnvelope } from '@zhongtai/contracts';
import {
  type Cache,
  type Outbox,
  KeyedLock,
  ReadThrough,
  groupByKeys,
  reviveIsoDates,
  insertRaw,
  insertManyOnce,
  isDuplicateKey,
  mergeUpdate,
} from '@zhongtai/subgraph-kit';
import type { OrderFact } from '../domain/facts.js';
import {
  type ConsentDoc,
  type Definitions,
  type FactsRecord,
  type MergeDoc,
  type SegmentDoc,
  type TagDoc,
  type TagRuleDoc,
  type TagSource,
  key,
} from '../domain/records.js';
import type { Rule } from '../domain/rules.js';
import { type MemberModels, memberModels } from './models.js';

/** Tags, profile facts, consents, segments and merges: everything the member center knows beyond identity. */
export class ProfileRepository {
  private readonly m: MemberModels;
  /**
   * Definitions change rarely and are read by every refresh (every order, survey, tier event):
   * cached per tenant and written through on every change. With REDIS_URL the cache is shared;
   * in-process, another replica sees a change within the TTL.
   */
  private readonly defs: ReadThrough<Definitions>;
  /**
   * A member's tags and profile facts, read by every member view (a store terminal's tags and
   * lifecycle stage): cached per member, tags forgotten by every write here (a reader that loaded the
   * old value just before cannot put it back: see `ReadThrough.forget`), facts written through.
   */
  private readonly tags: ReadThrough<TagDoc[]>;
  private readonly facts: ReadThrough<FactsRecord>;
  private readonly factsWrites = new KeyedLock();
  /** the segments each member is in, read at every re-evaluation: forgotten when it joins or leaves one */
  private readonly segmentsOf: ReadThrough<string[]>;
  constructor(db: Connection, cache: Cache) {
    this.m = memberModels(db);
    this.defs = new ReadThrough<Definitions>({ cache, prefix: 'member:definitions:', ttlSeconds: 10 });
    this.tags = new ReadThrough<TagDoc[]>({
      cache,
      prefix: 'member:tags:',
      ttlSeconds: 60,
      revive: reviveIsoDates,
    });
    this.facts = new ReadThrough<FactsRecord>({
      cache,
      prefix: 'member:facts:',
      ttlSeconds: 60,
      revive: reviveIsoDates,
      cacheMisses: true,
    });
    this.segmentsOf = new ReadThrough<string[]>({ cache, prefix: 'member:segments-of:', ttlSeconds: 60 });
  }

  async definitions(tenant: string): Promise<Definitions> {
    const found = await this.defs.load([tenant], async () => [
      { key: tenant, value: await this.readDefinitions(tenant) },
    ]);
    return found.get(tenant)!;
  }

  private async readDefinitions(tenant: string): Promise<Definitions> {
    const [segments, rules] = await Promise.all([this.segments(tenant), this.tagRules(tenant)]);
    return {
      segments: segments.map((s) => ({ segmentId: s.segmentId, rule: s.rule })),
      rules: rules.map((r) => ({ tag: r.tag, rule: r.rule })),
    };
  }

  private async definitionsChanged(tenant: string): Promise<void> {
    await this.defs.put(tenant, await this.readDefinitions(tenant));
  }

  // ------------------------------------------------------------------ tags
  async tagsOf(tenant: string, memberIds: readonly string[]): Promise<TagDoc[]> {
    const lists = await this.tags.loadOfTenant(tenant, memberIds, async (missing) => {
      const docs = await this.m.Tag.find({ tenant, memberId: { $in: missing } }).lean<TagDoc[]>();
      return groupByKeys(missing, docs, (d) => d.memberId).map((value, i) => ({ id: missing[i], value }));
    });
    return lists.flat().sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime());
  }

  /** Adds a tag once: the first source and time are kept (true when this call added it). */
  async addTag(
    tenant: string,
    memberId: string,
    name: string,
    source: TagSource,
    now: Date,
  ): Promise<boolean> {
    return (await this.addTags(tenant, memberId, [name], source, now)).length === 1;
  }

  /** `addTag` for several tags of one source in one command: the names this call added. */
  async addTags(
    tenant: string,
    memberId: string,
    names: readonly string[],
    source: TagSource,
    now: Date,
  ): Promise<string[]> {
    const docs = [...new Set(names)].map((name) => ({
      _id: key(tenant, memberId, name),
      tenant,
      memberId,
      name,
      source,
      addedAt: now,
    }));
    const added = new Set(await insertManyOnce(this.m.Tag, docs));
    if (added.size) await this.tags.forget(key(tenant, memberId));
    return docs.filter((d) => added.has(d._id)).map((d) => d.name);
  }

  async removeTag(tenant: string, memberId: string, name: string, source?: TagSource): Promise<boolean> {
    const filter: Record<string, unknown> = { _id: key(tenant, memberId, name) };
    if (source) filter.source = source;
    const removed = (await this.m.Tag.deleteOne(filter)).deletedCount === 1;
    if (removed) await this.tags.forget(key(tenant, memberId));
    return removed;
  }

  // ------------------------------------------------------------------ facts (idempotent by source id)
  async factsOf(tenant: string, memberIds: readonly string[]): Promise<FactsRecord[]> {
    return this.facts.loadOfTenant(tenant, memberIds, async (missing) =>
      (
        await this.m.Facts.find({ _id: { $in: missing.map((id) => key(tenant, id)) } }).lean<FactsRecord[]>()
      ).map((d) => ({ id: d.memberId, value: d })),
    );
  }

  private async upsertFacts(
    tenant: string,
    memberId: string,
    update: Record<string, unknown>,
    filter: Record<string, unknown> = {},
  ): Promise<boolean> {
    const id = key(tenant, memberId);
    try {
      // written through (the projection re-reads the facts right after): one member's writes in this
      // process one at a time, so the copy put last is the newest
      return await this.factsWrites.run(id, async () => {
        const stored = await this.m.Facts.findOneAndUpdate(
          { _id: id, ...filter },
          { ...update, $setOnInsert: { tenant, memberId } },
          { upsert: true, new: true },
        ).lean<FactsRecord>();
        if (stored) await this.facts.put(id, stored);
        else await this.facts.forget(id);
        return !!stored;
      });
    } catch (error) {
      // a conditional upsert that lost to a newer value collides on _id: nothing to do
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async recordOrder(
    tenant: string,
    memberId: string,
    orderId: string,
    o: Required<Pick<OrderFact, 'amount' | 'placedAt'>> & { storeId?: string },
  ): Promise<void> {
    const set: Record<string, unknown> = {
      [`orders.${orderId}.amount`]: o.amount,
      [`orders.${orderId}.placedAt`]: o.placedAt,
    };
    if (o.storeId) set[`orders.${orderId}.storeId`] = o.storeId;
    await this.upsertFacts(tenant, memberId, { $set: set });
  }

  /**
   * Many orders' facts (a batch of announcements): one order alone as `recordOrder`; else one bulk
   * write for all their members and one read of what it left, written through under the members'
   * locks (the copy put is the newest this process wrote).
   */
  async recordOrders(
    tenant: string,
    orders: Array<{ memberId: string; orderId: string; amount: number; placedAt: Date; storeId?: string }>,
  ): Promise<void> {
    if (orders.length === 1)
      return this.recordOrder(tenant, orders[0].memberId, orders[0].orderId, orders[0]);
    const sets = new Map<string, Record<string, unknown>>();
    for (const o of orders) {
      const set = sets.get(o.memberId) ?? {};
      set[`orders.${o.orderId}.amount`] = o.amount;
      set[`orders.${o.orderId}.placedAt`] = o.placedAt;
      if (o.storeId) set[`orders.${o.orderId}.storeId`] = o.storeId;
      sets.set(o.memberId, set);
    }
    const ids = [...sets.keys()].map((m) => key(tenant, m));
    await this.factsWrites.runAll(ids, async () => {
      await this.m.Facts.collection.bulkWrite(
        [...sets].map(([memberId, set]) => ({
          updateOne: {
            filter: { _id: key(tenant, memberId) as never },
            update: { $set: set, $setOnInsert: { tenant, memberId } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      const stored = await this.m.Facts.find({ _id: { $in: ids } }).lean<FactsRecord[]>();
      await Promise.all(stored.map((d) => this.facts.put(key(tenant, d.memberId), d)));
    });
  }

  async recordRefund(
    tenant: string,
    memberId: string,
    orderId: string,
    refundedTotal: number,
  ): Promise<void> {
    await this.upsertFacts(tenant, memberId, { $max: { [`orders.${orderId}.refunded`]: refundedTotal } });
  }

  async recordSurvey(
    tenant: string,
    memberId: string,
    surveyId: string,
    score: number,
    at: Date,
  ): Promise<void> {
    await this.upsertFacts(tenant, memberId, { $set: { [`surveys.${surveyId}`]: { score, at } } });
  }

  async recordEngagement(tenant: string, memberId: string, eventId: string, at: Date): Promise<void> {
    await this.upsertFacts(tenant, memberId, { $set: { [`engagement.${eventId}`]: at } });
  }

  /** Keeps the newest tier only (tier events may arrive out of order). */
  async recordTier(tenant: string, memberId: string, tier: string, at: Date): Promise<void> {
    const newer = await this.upsertFacts(
      tenant,
      memberId,
      { $set: { tier, tierAt: at } },
      { $or: [{ tierAt: { $exists: false } }, { tierAt: { $lt: at } }] },
    );
    void newer;
  }

  // ------------------------------------------------------------------ consents
  async consentsOf(tenant: string, memberIds: readonly string[]): Promise<ConsentDoc[]> {
    return this.m.Consent.find({ tenant, memberId: { $in: memberIds } }).lean<ConsentDoc[]>();
  }

  async setConsent(
    tenant: string,
    memberId: string,
    channel: Channel,
    granted: boolean,
    source: string,
    now: Date,
  ): Promise<void> {
    await this.m.Consent.updateOne(
      { _id: key(tenant, memberId, channel) },
      { $set: { tenant, memberId, channel, granted, source, updatedAt: now } },
      { upsert: true },
    );
  }

  // ------------------------------------------------------------------ segments and tag rules
  async segments(tenant: string): Promise<SegmentDoc[]> {
    return this.m.Segment.find({ tenant }).sort({ segmentId: 1 }).lean<SegmentDoc[]>();
  }

  async segment(tenant: string, id: string): Promise<SegmentDoc | null> {
    return this.m.Segment.findById(key(tenant, id)).lean<SegmentDoc>();
  }

  async saveSegment(tenant: string, id: string, name: string, rule: Rule, now: Date): Promise<void> {
    await this.m.Segment.updateOne(
      { _id: key(tenant, id) },
      { $set: { tenant, segmentId: id, name, rule, updatedAt: now } },
      { upsert: true },
    );
    await this.definitionsChanged(tenant);
  }

  async segmentIdsOf(tenant: string, memberId: string): Promise<string[]> {
    const [ids] = await this.loadSegmentIds(tenant, [memberId]);
    return ids;
  }

  /** The segments of many members at once, into the cache (one read for those not cached). */
  async segmentIdsOfMany(tenant: string, memberIds: readonly string[]): Promise<void> {
    await this.loadSegmentIds(tenant, memberIds);
  }

  /** The segment lists of these members, the cached ones first (one read for the rest). */
  private loadSegmentIds(tenant: string, memberIds: readonly string[]): Promise<string[][]> {
    return this.segmentsOf.loadOfTenant(tenant, memberIds, async (missing) =>
      groupByKeys(
        missing,
        await this.m.SegmentMember.find({ tenant, memberId: { $in: missing } }).lean(),
        (d) => d.memberId,
      ).map((rows, i) => ({ id: missing[i], value: rows.map((d) => d.segmentId) })),
    );
  }

  async joinSegment(tenant: string, segmentId: string, memberId: string, now: Date): Promise<void> {
    try {
      await insertRaw(this.m.SegmentMember, {
        _id: key(tenant, segmentId, memberId),
        tenant,
        segmentId,
        memberId,
        since: now,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    await this.segmentsOf.forget(key(tenant, memberId));
  }

  async leaveSegment(tenant: string, segmentId: string, memberId: string): Promise<void> {
    await this.m.SegmentMember.deleteOne({ _id: key(tenant, segmentId, memberId) });
    await this.segmentsOf.forget(key(tenant, memberId));
  }

  async segmentMembers(
    tenant: string,
    segmentId: string,
    after: string | undefined,
    limit: number,
  ): Promise<string[]> {
    const filter: Record<string, unknown> = { tenant, segmentId };
    if (after) filter.memberId = { $gt: after };
    return (await this.m.SegmentMember.find(filter).sort({ memberId: 1 }).limit(limit).lean()).map(
      (d) => d.memberId,
    );
  }

  async countSegment(tenant: string, segmentId: string): Promise<number> {
    return this.m.SegmentMember.countDocuments({ tenant, segmentId });
  }

  async tagRules(tenant: string): Promise<TagRuleDoc[]> {
    return this.m.TagRule.find({ tenant }).lean<TagRuleDoc[]>();
  }

  async saveTagRule(tenant: string, tag: string, rule: Rule, now: Date): Promise<void> {
    await this.m.TagRule.updateOne(
      { _id: key(tenant, tag) },
      { $set: { tenant, tag, rule, updatedAt: now } },
      { upsert: true },
    );
    await this.definitionsChanged(tenant);
  }

  async deleteTagRule(tenant: string, tag: string): Promise<boolean> {
    const removed = (await this.m.TagRule.deleteOne({ _id: key(tenant, tag) })).deletedCount === 1;
    await this.definitionsChanged(tenant);
    return removed;
  }

  // ------------------------------------------------------------------ merges
  async insertMerge(doc: MergeDoc): Promise<void> {
    await insertRaw(this.m.Merge, doc);
  }

  async deleteMerge(id: string): Promise<void> {
    await this.m.Merge.deleteOne({ _id: id });
  }

  async merge(tenant: string, id: string): Promise<MergeDoc | null> {
    return this.m.Merge.findOne({ _id: id, tenant }).lean<MergeDoc>();
  }

  /** PENDING → APPLIED, with the merge's events in the same write; false when it was applied already. */
  async markMergeApplied(tenant: string, id: string, events: EventEnvelope[], now: Date): Promise<boolean> {
    const res = await this.m.Merge.collection.updateOne(
      { _id: id, tenant, state: 'PENDING' } as never,
      mergeUpdate({ $set: { state: 'APPLIED' } }, events, now),
    );
    return res.matchedCount === 1;
  }

  /** Records the intent to undo (the resume job finishes an undo a crash interrupted). */
  async markUndoPending(tenant: string, id: string, by: string): Promise<void> {
    await this.m.Merge.updateOne(
      { _id: id, tenant, undoneAt: { $exists: false } },
      { $set: { undo: 'PENDING', undoneBy: by } },
    );
  }

  /** PENDING undo → DONE, with its events in the same write; false when it was done already. */
  async markUndone(tenant: string, id: string, events: EventEnvelope[], now: Date): Promise<boolean> {
    const res = await this.m.Merge.collection.updateOne(
      { _id: id, tenant, undo: 'PENDING' } as never,
      mergeUpdate({ $set: { undo: 'DONE', undoneAt: now } }, events, now),
    );
    return res.matchedCount === 1;
  }

  /** A PENDING merge of this pair (recorded, never linked: its writer died). */
  async pendingMerge(tenant: string, survivorId: string, mergedId: string): Promise<MergeDoc | null> {
    return this.m.Merge.findOne({ tenant, mergedId, survivorId, state: 'PENDING' }).lean<MergeDoc>();
  }

  /** Merges and undos a crash left half done, recorded before `before`. */
  async unfinishedMerges(before: Date, limit = 100): Promise<MergeDoc[]> {
    return this.m.Merge.find({
      $or: [{ state: 'PENDING' }, { undo: 'PENDING' }],
      mergedAt: { $lte: before },
    })
      .limit(limit)
      .lean<MergeDoc[]>();
  }

  async emitMergeEvents(outbox: Outbox, id: string, events: EventEnvelope[]): Promise<void> {
    await outbox.emitFrom(this.m.Merge, id, events);
  }

  async watchMergeEvents(outbox: Outbox): Promise<void> {
    await outbox.watch(this.m.Merge);
  }

  async mergesOf(tenant: string, memberIds: readonly string[]): Promise<MergeDoc[]> {
    return this.m.Merge.find({
      tenant,
      $or: [{ survivorId: { $in: memberIds } }, { mergedId: { $in: memberIds } }],
    })
      .sort({ mergedAt: 1 })
      .lean<MergeDoc[]>();
  }
}
