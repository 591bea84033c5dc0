import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  type Cache,
  type Outbox,
  ReadThrough,
  SkuCategories,
  groupByKeys,
  reviveIsoDates,
  bulkWriteOnce,
  isDuplicateKey,
  insertRaw,
  insertOnce,
} from '@zhongtai/subgraph-kit';
import type { Lot } from '../domain/ledger.js';
import {
  type AccountDoc,
  type ConfigDoc,
  type EntryDoc,
  type LotDoc,
  type OpeningDoc,
  type OrderPointsDoc,
  type PlusPurchaseDoc,
  key,
  toLot,
} from '../domain/records.js';
import { type PointsModels, pointsModels } from './models.js';

export type InsertOutcome =
  | { ok: true }
  | { ok: false; reason: 'slot-taken' }
  | { ok: false; reason: 'idempotent'; existing: EntryDoc };

const OPEN = ['AVAILABLE', 'PENDING'];

/**
 * Accounts, ledger entries and lots. Writing an entry happens in two idempotent steps: insert the
 * entry into its sequence slot (the primary key `tenant|member|seq` lets one writer win), then
 * apply it — lots first (each only if it was last written by an older entry), then the account
 * snapshot (only if it is exactly one entry behind). A crash between the steps leaves an entry the
 * next reader rolls forward (`rollForward`); no multi-document transaction is needed.
 */
export class LedgerRepository {
  readonly m: PointsModels;
  /** account snapshots for reads (balances on every member view); the ledger writes them through */
  private readonly snapshots?: ReadThrough<AccountDoc>;
  /**
   * members' open lots for reads (`expiring` on every member view), forgotten by every entry applied
   * (a reader that loaded them just before cannot put them back: see `ReadThrough.forget`)
   */
  private readonly lotsCache?: ReadThrough<LotDoc[]>;
  /** the item master's category of each SKU, asked for every order's lines */
  private readonly categories?: SkuCategories;

  constructor(db: Connection, cache?: Cache) {
    this.m = pointsModels(db);
    if (cache)
      this.snapshots = new ReadThrough<AccountDoc>({
        cache,
        prefix: 'points:account:',
        ttlSeconds: 30,
        dates: ['tierReviewAt', 'updatedAt'],
        // most members have no account until their first points: "none" is cached too (every
        // account write below puts the stored snapshot, replacing it)
        cacheMisses: true,
      });
    if (cache) this.categories = new SkuCategories(cache, 'points:sku-category:');
    if (cache)
      this.lotsCache = new ReadThrough<LotDoc[]>({
        cache,
        prefix: 'points:lots:',
        ttlSeconds: 30,
        revive: reviveIsoDates,
      });
  }

  async init(): Promise<void> {
    await Promise.all(Object.values(this.m).map((model) => model.init()));
  }

  // ------------------------------------------------------------------ the tenant's configuration
  async configOf(tenant: string): Promise<ConfigDoc | null> {
    return this.m.Config.findById(tenant).lean<ConfigDoc>();
  }

  /** Sets the given paths of the tenant's configuration (dotted paths set single settings). */
  async setConfig(tenant: string, set: Record<string, unknown>, now: Date): Promise<void> {
    await this.m.Config.updateOne({ _id: tenant }, { $set: { ...set, updatedAt: now } }, { upsert: true });
  }

  /** The stored snapshot (through the driver: the ledger's hottest read). */
  async account(tenant: string, memberId: string): Promise<AccountDoc | null> {
    return (await this.m.Account.collection.findOne({
      _id: key(tenant, memberId) as never,
    })) as AccountDoc | null;
  }

  /** Snapshots for display (cached); the ledger itself always reads the database (`account`). */
  async accounts(tenant: string, memberIds: readonly string[]): Promise<AccountDoc[]> {
    const load = async (ids: readonly string[]) =>
      this.m.Account.find({ _id: { $in: ids } }).lean<AccountDoc[]>();
    if (!this.snapshots) return load(memberIds.map((id) => key(tenant, id)));
    const found = await this.snapshots.load(
      memberIds.map((id) => key(tenant, id)),
      async (missing) => (await load(missing)).map((value) => ({ key: value._id, value })),
    );
    return [...found.values()];
  }

  async openLots(tenant: string, memberId: string): Promise<Lot[]> {
    return (await this.m.Lot.find({ tenant, memberId, status: { $in: OPEN } }).lean<LotDoc[]>()).map(toLot);
  }

  /** Open lots for display (cached); the ledger itself always reads the database (`openLots`). */
  async openLotsOf(tenant: string, memberIds: readonly string[]): Promise<LotDoc[]> {
    const load = (ids: readonly string[]) =>
      this.m.Lot.find({ tenant, memberId: { $in: ids }, status: { $in: OPEN } }).lean<LotDoc[]>();
    if (!this.lotsCache) return load(memberIds);
    const lists = await this.lotsCache.loadOfTenant(tenant, memberIds, async (missing) =>
      groupByKeys(missing, await load(missing), (l) => l.memberId).map((value, i) => ({
        id: missing[i],
        value,
      })),
    );
    return lists.flat();
  }

  async allLots(tenant: string, memberId: string): Promise<Lot[]> {
    return (await this.m.Lot.find({ tenant, memberId }).lean<LotDoc[]>()).map(toLot);
  }

  async entriesAfter(tenant: string, memberId: string, seq: number): Promise<EntryDoc[]> {
    return this.m.Entry.find({ tenant, memberId, seq: { $gt: seq } })
      .sort({ seq: 1 })
      .lean<EntryDoc[]>();
  }

  async entryByIdem(idemKey: string): Promise<EntryDoc | null> {
    return this.m.Entry.findOne({ idemKey }).lean<EntryDoc>();
  }

  async history(
    tenant: string,
    memberId: string,
    beforeSeq: number | undefined,
    limit: number,
  ): Promise<EntryDoc[]> {
    const filter: Record<string, unknown> = { tenant, memberId };
    if (beforeSeq !== undefined) filter.seq = { $lt: beforeSeq };
    return this.m.Entry.find(filter).sort({ seq: -1 }).limit(limit).lean<EntryDoc[]>();
  }

  async countEntries(tenant: string, memberId: string): Promise<number> {
    return this.m.Entry.countDocuments({ tenant, memberId });
  }

  async insertEntry(entry: EntryDoc): Promise<InsertOutcome> {
    try {
      await insertRaw(this.m.Entry, entry);
      return { ok: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const pattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern ?? {};
      if (entry.idemKey && 'idemKey' in pattern) {
        const existing = await this.entryByIdem(entry.idemKey);
        if (existing) return { ok: false, reason: 'idempotent', existing };
      }
      return { ok: false, reason: 'slot-taken' };
    }
  }

  /** Hands the events written on an entry to the outbox and clears them from it. */
  async emitEntryEvents(outbox: Outbox, entryId: string, events: EventEnvelope[]): Promise<void> {
    await outbox.emitFrom(this.m.Entry, entryId, events);
  }

  /** Entries whose events are still on them, written before `before` (their writer died). */
  async entriesWithEvents(before: Date, limit = 200): Promise<EntryDoc[]> {
    return this.m.Entry.find({ outboxCount: { $gt: 0 }, outboxAt: { $lte: before } })
      .limit(limit)
      .lean<EntryDoc[]>();
  }

  /**
   * Applies an entry's results in two commands: its lots (one bulk write: each lot set only if an
   * older entry wrote it last, or inserted; one a newer entry wrote already is left alone, as a
   * duplicate key), then the snapshot, only if it is exactly one entry behind (written through to
   * the display cache as stored, with what the account holds beside the ledger, e.g. Plus).
   */
  async applyEntry(entry: EntryDoc, now: Date, opts: { noSnapshot?: boolean } = {}): Promise<void> {
    if (entry.lots.length) {
      const ops = entry.lots.map((lot) => ({
        updateOne: {
          filter: { _id: key(entry.tenant, lot.id), lastSeq: { $lt: entry.seq } },
          update: {
            $set: {
              ...lot,
              tenant: entry.tenant,
              memberId: entry.memberId,
              lotId: lot.id,
              lastSeq: entry.seq,
            },
          },
          upsert: true,
        },
      }));
      await bulkWriteOnce(this.m.Lot.collection, ops);
      await this.lotsCache?.forget(key(entry.tenant, entry.memberId));
    }
    const snapshot = { ...entry.account, tenant: entry.tenant, updatedAt: now };
    const _id = key(entry.tenant, entry.memberId);
    // exactly one entry behind; an account without entries may exist (Plus bought first) or not
    const { _id: _same, ...fields } = snapshot as typeof snapshot & { _id?: string };
    const insert = async (): Promise<AccountDoc | null> => {
      try {
        await insertRaw(this.m.Account, { _id, ...fields });
        return { _id, ...fields } as AccountDoc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error; // applied already, or created beside the ledger (Plus)
        return null;
      }
    };
    const first = entry.seq === 1;
    // a first entry planned without a snapshot inserts it (one command), else updates the one there
    let stored = first && opts.noSnapshot ? await insert() : null;
    stored ??= (await this.m.Account.collection.findOneAndUpdate(
      { _id: _id as never, seq: entry.seq - 1 },
      { $set: fields },
      { returnDocument: 'after' },
    )) as AccountDoc | null;
    if (!stored && first && !opts.noSnapshot) stored = await insert();
    if (stored) await this.snapshots?.put(_id, stored);
  }

  /** Applies entries written but not yet applied (a writer crashed between its two steps). */
  async rollForward(
    tenant: string,
    account: AccountDoc | null,
    memberId: string,
    now: Date,
  ): Promise<number> {
    const pending = await this.entriesAfter(tenant, memberId, account?.seq ?? 0);
    for (const e of pending) await this.applyEntry(e, now);
    return pending.length;
  }

  // ------------------------------------------------------------------ legacy opening balances
  /** Records where an imported opening balance came from; the first record of a member and source stays. */
  async recordOpening(doc: OpeningDoc): Promise<void> {
    const { _id, ...fields } = doc;
    await this.m.Opening.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
  }

  async openings(tenant: string, source: string): Promise<OpeningDoc[]> {
    return this.m.Opening.find({ tenant, source }).lean<OpeningDoc[]>();
  }

  // ------------------------------------------------------------------ Plus
  async plusPurchase(id: string): Promise<PlusPurchaseDoc | null> {
    return this.m.PlusPurchase.findById(id).lean<PlusPurchaseDoc>();
  }

  /** Records a purchase once per idempotency key: false when the key was already recorded. */
  insertPlusPurchase(doc: PlusPurchaseDoc): Promise<boolean> {
    return insertOnce(this.m.PlusPurchase, doc);
  }

  /** Plus lives beside the ledger (it is not points); an account without entries yet is created at seq 0. */
  async setPlus(
    tenant: string,
    memberId: string,
    plus: AccountDoc['plus'],
    empty: AccountDoc,
  ): Promise<void> {
    const { plus: _plus, _id: _ignored, ...zero } = empty;
    const stored = await this.m.Account.findOneAndUpdate(
      { _id: key(tenant, memberId) },
      { $set: { plus }, $setOnInsert: zero },
      { new: true, upsert: true },
    ).lean<AccountDoc>();
    if (stored && this.snapshots) await this.snapshots.put(stored._id, stored);
  }

  // ------------------------------------------------------------------ orders' points and their refunds
  async orderPoints(tenant: string, orderId: string): Promise<OrderPointsDoc | null> {
    return this.m.OrderPoints.findById(key(tenant, orderId)).lean<OrderPointsDoc>();
  }

  /**
   * What an order earned, once its entry is posted (refunds may have created the record first): the
   * record as it is now, refunds that came first included.
   */
  async recordOrderPoints(
    tenant: string,
    p: { orderId: string; memberId: string; earned: number; growth: number; orderTotal: number },
  ): Promise<OrderPointsDoc> {
    return (await this.m.OrderPoints.findOneAndUpdate(
      { _id: key(tenant, p.orderId) },
      { $set: { tenant, ...p }, $setOnInsert: { refundedTotal: 0, reversed: 0, reversedGrowth: 0 } },
      { upsert: true, new: true },
    ).lean<OrderPointsDoc>())!;
  }

  /** The largest refunded total seen for an order (refunds may arrive before it, and out of order). */
  async recordRefund(tenant: string, orderId: string, refundedTotal: number): Promise<void> {
    await this.m.OrderPoints.updateOne(
      { _id: key(tenant, orderId) },
      {
        $max: { refundedTotal },
        $setOnInsert: { tenant, orderId, reversed: 0, reversedGrowth: 0 },
      },
      { upsert: true },
    );
  }

  /** Counts a reversal, only if nobody counted one since `doc` was read. */
  async addReversed(doc: OrderPointsDoc, points: number, growth: number): Promise<void> {
    await this.m.OrderPoints.updateOne(
      { _id: doc._id, reversed: doc.reversed },
      { $inc: { reversed: points, reversedGrowth: growth } },
    );
  }

  async setSkuCategory(tenant: string, sku: string, category: string): Promise<void> {
    await this.m.SkuCategory.updateOne(
      { _id: key(tenant, sku) },
      { $set: { tenant, sku, category } },
      { upsert: true },
    );
    await this.categories?.put(tenant, sku, category);
  }

  async skuCategories(tenant: string, skus: string[]): Promise<Map<string, string>> {
    const load = async (missing: string[]) =>
      (await this.m.SkuCategory.find({ _id: { $in: missing.map((s) => key(tenant, s)) } }).lean()).map(
        (d) => ({ sku: d.sku, category: d.category }),
      );
    return this.categories ? this.categories.of(tenant, skus, load) : SkuCategories.toMap(await load(skus));
  }

  // ------------------------------------------------------------------ jobs
  async membersWithDueLots(now: Date, limit = 500): Promise<Array<{ tenant: string; memberId: string }>> {
    const due = await this.m.Lot.find({
      $or: [
        { status: 'PENDING', availableAt: { $lte: now } },
        { status: { $in: OPEN }, expiresAt: { $lte: now } },
      ],
    })
      .limit(limit)
      .lean<LotDoc[]>();
    return unique(due.map((l) => ({ tenant: l.tenant, memberId: l.memberId })));
  }

  async lotsExpiringWithin(now: Date, until: Date, limit = 1000): Promise<LotDoc[]> {
    return this.m.Lot.find({
      status: 'AVAILABLE',
      expiresAt: { $gt: now, $lte: until },
      noticedAt: { $exists: false },
    })
      .limit(limit)
      .lean<LotDoc[]>();
  }

  async markNoticed(ids: string[], now: Date): Promise<void> {
    if (ids.length) await this.m.Lot.updateMany({ _id: { $in: ids } }, { $set: { noticedAt: now } });
  }

  async accountsDueForReview(now: Date, limit = 500): Promise<AccountDoc[]> {
    return this.m.Account.find({ tierReviewAt: { $lte: now } })
      .limit(limit)
      .lean<AccountDoc[]>();
  }

  async *allAccounts(tenant: string, pageSize = 500): AsyncGenerator<AccountDoc[]> {
    let after: string | undefined;
    for (;;) {
      const filter: Record<string, unknown> = { tenant };
      if (after) filter._id = { $gt: after };
      const page = await this.m.Account.find(filter).sort({ _id: 1 }).limit(pageSize).lean<AccountDoc[]>();
      if (!page.length) return;
      yield page;
      after = page[page.length - 1]._id;
    }
  }
}

function unique<T extends { tenant: string; memberId: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(key(x.tenant, x.memberId)) && seen.add(key(x.tenant, x.memberId)));
}
