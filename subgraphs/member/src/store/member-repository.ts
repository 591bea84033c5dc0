import type { Connection } from 'mongoose';
import { type Cache, ReadThrough, insertManyOnce, isDuplicateKey, insertRaw } from '@zhongtai/subgraph-kit';
import { type IdentityDoc, type MemberDoc, type StoreDoc, key } from '../domain/records.js';
import { type MemberModels, memberModels } from './models.js';

/** Members, their identities and phones, and stores. Every call is confined to one tenant. */
export class MemberRepository {
  readonly m: MemberModels;
  /** hot member profiles (store terminal, every federated member read); every write below forgets its key */
  private readonly docs: ReadThrough<MemberDoc>;
  /** stores (master data, read on every identify with a store and every store purchase); written through */
  private readonly stores: ReadThrough<StoreDoc>;
  /**
   * identities by (channel, external id): every returning customer's identify and every order's buyer
   * asks; written through when linked, forgotten when moved or announced (unknown ones are not cached:
   * they are about to be linked, and the link's unique key is what settles a race)
   */
  private readonly identities: ReadThrough<IdentityDoc>;

  constructor(db: Connection, cache: Cache) {
    this.m = memberModels(db);
    this.identities = new ReadThrough<IdentityDoc>({
      cache,
      prefix: 'member:identity:',
      ttlSeconds: 300,
      dates: ['linkedAt', 'pendingAt'],
    });
    this.stores = new ReadThrough<StoreDoc>({ cache, prefix: 'member:store:', ttlSeconds: 300 });
    this.docs = new ReadThrough<MemberDoc>({
      cache,
      prefix: 'member:doc:',
      ttlSeconds: 300,
      dates: ['joinedAt', 'createdAt', 'updatedAt'],
    });
  }

  async init(): Promise<void> {
    await Promise.all(Object.values(this.m).map((model) => model.init()));
  }

  async membersByIds(tenant: string, ids: readonly string[]): Promise<MemberDoc[]> {
    const found = await this.docs.load(ids, async (missing) => {
      const rows = await this.m.Member.find({ _id: { $in: missing } }).lean<MemberDoc[]>();
      return rows.map((value) => ({ key: value._id, value }));
    });
    // the tenant check stays outside the cache: a cached document never crosses tenants
    return [...found.values()].filter((d) => d.tenant === tenant);
  }

  async member(tenant: string, id: string): Promise<MemberDoc | null> {
    return (await this.membersByIds(tenant, [id]))[0] ?? null;
  }

  /** Roots (members not merged into another) of a store, ordered by id, for paging. */
  async membersOfStore(
    tenant: string,
    storeId: string,
    after: string | undefined,
    limit: number,
  ): Promise<MemberDoc[]> {
    const filter: Record<string, unknown> = { tenant, storeIds: storeId, mergedInto: { $exists: false } };
    if (after) filter._id = { $gt: after };
    return this.m.Member.find(filter).sort({ _id: 1 }).limit(limit).lean<MemberDoc[]>();
  }

  async countMembersOfStore(tenant: string, storeId: string): Promise<number> {
    return this.m.Member.countDocuments({ tenant, storeIds: storeId, mergedInto: { $exists: false } });
  }

  /** Every root member of a tenant (or of one store or region), in id order, a page at a time (batch jobs). */
  async *roots(
    tenant: string,
    scope: { storeId?: string; region?: string } = {},
    pageSize = 500,
  ): AsyncGenerator<MemberDoc[]> {
    let after: string | undefined;
    for (;;) {
      const filter: Record<string, unknown> = { tenant, mergedInto: { $exists: false } };
      if (scope.storeId) filter.storeIds = scope.storeId;
      if (scope.region) filter.regions = scope.region;
      if (after) filter._id = { $gt: after };
      const page = await this.m.Member.find(filter).sort({ _id: 1 }).limit(pageSize).lean<MemberDoc[]>();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]._id;
    }
  }

  async tenants(): Promise<string[]> {
    return (await this.m.Store.distinct('tenant')) as string[];
  }

  async insertMember(doc: MemberDoc): Promise<void> {
    await insertRaw(this.m.Member, doc);
    await this.docs.forget(doc._id);
  }

  async deleteMember(tenant: string, id: string): Promise<void> {
    await this.deleteMembers(tenant, [id]);
  }

  async setPhoneIfMissing(tenant: string, id: string, phone: string, now: Date): Promise<void> {
    await this.setPhones(tenant, [{ memberId: id, phone }], now);
  }

  async setBirthdayIfMissing(tenant: string, id: string, birthday: string, now: Date): Promise<void> {
    await this.m.Member.updateOne(
      { tenant, _id: id, birthday: { $exists: false } },
      { $set: { birthday, updatedAt: now } },
    );
    await this.docs.forget(id);
  }

  /** Records a store the member joined or bought at; `scopeOf` are the roots above it that see it too. */
  async addStore(
    tenant: string,
    id: string,
    storeId: string,
    region: string,
    scopeOf: string[],
    now: Date,
  ): Promise<void> {
    await this.m.Member.updateOne(
      { tenant, _id: id },
      {
        $addToSet: { ownStoreIds: storeId, ownRegions: region, storeIds: storeId, regions: region },
        $set: { updatedAt: now },
      },
    );
    for (const up of scopeOf)
      await this.m.Member.updateOne(
        { tenant, _id: up },
        { $addToSet: { storeIds: storeId, regions: region } },
      );
    await Promise.all([id, ...scopeOf].map((x) => this.docs.forget(x)));
  }

  /** Records the profile last announced for each member (its content hash; one write). */
  async markProfilesAnnounced(tenant: string, marks: Array<{ id: string; hash: string }>): Promise<void> {
    await this.m.Member.collection.bulkWrite(
      marks.map((m) => ({
        updateOne: {
          filter: { tenant, _id: m.id as never },
          update: { $set: { announcedProfile: m.hash } },
        },
      })),
      { ordered: false },
    );
    await Promise.all(marks.map((m) => this.docs.forget(m.id)));
  }

  /** Marks `mergedId` merged into `survivorId`, only if it is a root; false when it was not. */
  async markMerged(
    tenant: string,
    mergedId: string,
    survivorId: string,
    mergeId: string,
    now: Date,
  ): Promise<boolean> {
    const res = await this.m.Member.updateOne(
      { tenant, _id: mergedId, mergedInto: { $exists: false } },
      { $set: { mergedInto: survivorId, mergeId, updatedAt: now } },
    );
    await this.docs.forget(mergedId);
    return res.matchedCount === 1;
  }

  /** Undoes `markMerged`, only if that merge is still in place; false otherwise. */
  async unmarkMerged(tenant: string, mergedId: string, mergeId: string, now: Date): Promise<boolean> {
    const res = await this.m.Member.updateOne(
      { tenant, _id: mergedId, mergeId },
      { $unset: { mergedInto: '', mergeId: '' }, $set: { updatedAt: now } },
    );
    await this.docs.forget(mergedId);
    return res.matchedCount === 1;
  }

  async absorb(
    tenant: string,
    id: string,
    members: string[],
    storeIds: string[],
    regions: string[],
  ): Promise<void> {
    await this.m.Member.updateOne(
      { tenant, _id: id },
      {
        $addToSet: {
          absorbed: { $each: members },
          storeIds: { $each: storeIds },
          regions: { $each: regions },
        },
      },
    );
    await this.docs.forget(id);
  }

  async release(
    tenant: string,
    id: string,
    members: string[],
    scope: { storeIds: string[]; regions: string[] },
  ): Promise<void> {
    await this.m.Member.updateOne(
      { tenant, _id: id },
      { $pullAll: { absorbed: members }, $set: { storeIds: scope.storeIds, regions: scope.regions } },
    );
    await this.docs.forget(id);
  }

  async identity(tenant: string, channel: string, externalId: string): Promise<IdentityDoc | null> {
    const id = key(tenant, channel, externalId);
    const found = await this.identities.load([id], async (ids) =>
      (await this.m.Identity.find({ _id: { $in: ids } }).lean<IdentityDoc[]>()).map((value) => ({
        key: value._id,
        value,
      })),
    );
    return found.get(id) ?? null;
  }

  /** Loads these identities into the cache (one read), and their members: the keys of those that exist. */
  async prefetchIdentities(
    tenant: string,
    ids: Array<{ channel: string; externalId: string }>,
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const found = await this.identities.load(
      [...new Set(ids.map((i) => key(tenant, i.channel, i.externalId)))],
      async (missing) =>
        (await this.m.Identity.find({ _id: { $in: missing } }).lean<IdentityDoc[]>()).map((value) => ({
          key: value._id,
          value,
        })),
    );
    // and their members (a known buyer's identify reads it)
    await this.membersByIds(tenant, [...new Set([...found.values()].map((i) => i.memberId))]);
    return new Set(found.keys());
  }

  // ------------------------------------------------------------------ batches (history imports)
  /** Phone owners of many phones (one read): phone → member. */
  async phoneOwners(tenant: string, phones: string[]): Promise<Map<string, string>> {
    if (!phones.length) return new Map();
    const claims = await this.m.PhoneClaim.find({ _id: { $in: phones.map((p) => key(tenant, p)) } }).lean();
    return new Map(claims.map((c) => [String(c._id).slice(tenant.length + 1), c.memberId]));
  }

  async insertMembers(docs: MemberDoc[]): Promise<void> {
    if (docs.length) await this.m.Member.collection.insertMany(docs as never[], { ordered: false });
  }

  async deleteMembers(tenant: string, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.m.Member.deleteMany({ tenant, _id: { $in: ids } });
    await Promise.all(ids.map((id) => this.docs.forget(id)));
  }

  /** `linkIdentity` for many (one write): the keys of those inserted (the others existed already). */
  async linkIdentities(docs: Array<Omit<IdentityDoc, '_id'>>): Promise<Set<string>> {
    const rows = docs.map((d) => ({ _id: key(d.tenant, d.channel, d.externalId), ...d }));
    const inserted = new Set(await insertManyOnce(this.m.Identity, rows));
    await Promise.all(rows.filter((r) => inserted.has(r._id)).map((r) => this.identities.put(r._id, r)));
    return inserted;
  }

  /** `claimPhone` for many new members (one write): the phones claimed (the others had an owner). */
  async claimPhones(
    tenant: string,
    claims: Array<{ phone: string; memberId: string }>,
    now: Date,
  ): Promise<Set<string>> {
    const rows = claims.map((c) => ({
      _id: key(tenant, c.phone),
      tenant,
      memberId: c.memberId,
      claimedAt: now,
    }));
    const claimed = new Set(await insertManyOnce(this.m.PhoneClaim, rows));
    return new Set(claims.filter((c) => claimed.has(key(tenant, c.phone))).map((c) => c.phone));
  }

  /** `setPhoneIfMissing` for many (one write). */
  async setPhones(
    tenant: string,
    phones: Array<{ memberId: string; phone: string }>,
    now: Date,
  ): Promise<void> {
    if (!phones.length) return;
    await this.m.Member.collection.bulkWrite(
      phones.map((p) => ({
        updateOne: {
          filter: { tenant, _id: p.memberId as never, phone: { $exists: false } },
          update: { $set: { phone: p.phone, updatedAt: now } },
        },
      })),
      { ordered: false },
    );
    await Promise.all(phones.map((p) => this.docs.forget(p.memberId)));
  }

  /** `identityAnnounced` for many (one write). */
  async identitiesAnnounced(
    tenant: string,
    ids: Array<{ channel: string; externalId: string }>,
  ): Promise<void> {
    if (!ids.length) return;
    const keys = ids.map((i) => key(tenant, i.channel, i.externalId));
    await this.m.Identity.updateMany({ _id: { $in: keys } }, { $unset: { pending: '', pendingAt: '' } });
    await Promise.all(keys.map((k) => this.identities.forget(k)));
  }

  async identitiesOf(tenant: string, memberIds: readonly string[]): Promise<IdentityDoc[]> {
    return this.m.Identity.find({ tenant, memberId: { $in: memberIds } })
      .sort({ linkedAt: 1 })
      .lean<IdentityDoc[]>();
  }

  /** Links an identity to a member; when the identity already exists, returns its member instead. */
  async linkIdentity(doc: Omit<IdentityDoc, '_id'>): Promise<{ memberId: string; inserted: boolean }> {
    try {
      const _id = key(doc.tenant, doc.channel, doc.externalId);
      await insertRaw(this.m.Identity, { _id, ...doc });
      await this.identities.put(_id, { _id, ...doc });
      return { memberId: doc.memberId, inserted: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.identity(doc.tenant, doc.channel, doc.externalId);
      if (!existing) throw error;
      return { memberId: existing.memberId, inserted: false };
    }
  }

  /** Moves an identity from one member to another (only if it still points at `from`). */
  async relinkIdentity(
    tenant: string,
    channel: string,
    externalId: string,
    from: string,
    to: string,
  ): Promise<void> {
    await this.m.Identity.updateOne(
      { _id: key(tenant, channel, externalId), memberId: from },
      // the member it was created for is gone: when announced, it is a link to `to`
      { $set: { memberId: to, 'pending.created': false } },
    );
    await this.identities.forget(key(tenant, channel, externalId));
  }

  /** `member.identified` is with the outbox: nothing left to announce for this identity. */
  async identityAnnounced(tenant: string, channel: string, externalId: string): Promise<void> {
    await this.identitiesAnnounced(tenant, [{ channel, externalId }]);
  }

  /** Identities linked before `before` whose announcement a crash interrupted. */
  async unannouncedIdentities(before: Date, limit = 200): Promise<IdentityDoc[]> {
    return this.m.Identity.find({ pendingAt: { $lte: before } })
      .limit(limit)
      .lean<IdentityDoc[]>();
  }

  /** Claims a phone for a member; the first claim wins and every later caller learns the owner. */
  async claimPhone(tenant: string, phone: string, memberId: string, now: Date): Promise<string> {
    try {
      await insertRaw(this.m.PhoneClaim, { _id: key(tenant, phone), tenant, memberId, claimedAt: now });
      return memberId;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const owner = await this.phoneOwner(tenant, phone);
      if (!owner) throw error;
      return owner;
    }
  }

  async phoneOwner(tenant: string, phone: string): Promise<string | null> {
    const claim = await this.m.PhoneClaim.findById(key(tenant, phone)).lean();
    return claim?.memberId ?? null;
  }

  async upsertStore(tenant: string, storeId: string, name: string, region: string): Promise<void> {
    await this.m.Store.updateOne(
      { _id: key(tenant, storeId) },
      { $set: { tenant, storeId, name, region } },
      { upsert: true },
    );
    const stored = await this.m.Store.findById(key(tenant, storeId)).lean<StoreDoc>();
    if (stored) await this.stores.put(stored._id, stored);
  }

  async storesByIds(tenant: string, ids: readonly string[]): Promise<StoreDoc[]> {
    const found = await this.stores.load(
      ids.map((id) => key(tenant, id)),
      async (missing) =>
        (await this.m.Store.find({ _id: { $in: missing } }).lean<StoreDoc[]>()).map((value) => ({
          key: value._id,
          value,
        })),
    );
    return [...found.values()];
  }

  async storesOfRegion(tenant: string, region: string): Promise<StoreDoc[]> {
    return this.m.Store.find({ tenant, region }).lean<StoreDoc[]>();
  }
}
