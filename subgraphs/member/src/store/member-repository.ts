import type { Connection } from 'mongoose';
import { type Cache, ReadThrough, isDuplicateKey } from '@zhongtai/subgraph-kit';
import {
  type IdentityDoc,
  type MemberDoc,
  type MemberModels,
  type StoreDoc,
  identityKey,
  memberModels,
  phoneKey,
  storeKey,
} from './models.js';

/** The only code that touches the member database. Every call is confined to one tenant. */
export class MemberRepository {
  private readonly m: MemberModels;
  /** hot member profiles (store terminal, every federated member read); every write below forgets its key */
  private readonly docs: ReadThrough<MemberDoc>;

  constructor(db: Connection, cache: Cache) {
    this.m = memberModels(db);
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

  async insertMember(doc: MemberDoc): Promise<void> {
    await this.m.Member.create(doc);
    await this.docs.forget(doc._id);
  }

  async deleteMember(tenant: string, id: string): Promise<void> {
    await this.m.Member.deleteOne({ tenant, _id: id });
    await this.docs.forget(id);
  }

  async setPhoneIfMissing(tenant: string, id: string, phone: string, now: Date): Promise<void> {
    await this.m.Member.updateOne(
      { tenant, _id: id, phone: { $exists: false } },
      { $set: { phone, updatedAt: now } },
    );
    await this.docs.forget(id);
  }

  async addStore(
    tenant: string,
    id: string,
    storeId: string,
    region: string | undefined,
    now: Date,
  ): Promise<void> {
    const add: Record<string, string> = { storeIds: storeId };
    if (region) add.regions = region;
    await this.m.Member.updateOne({ tenant, _id: id }, { $addToSet: add, $set: { updatedAt: now } });
    await this.docs.forget(id);
  }

  async identity(tenant: string, channel: string, externalId: string): Promise<IdentityDoc | null> {
    return this.m.Identity.findById(identityKey(tenant, channel, externalId)).lean<IdentityDoc>();
  }

  async identitiesOf(tenant: string, memberIds: readonly string[]): Promise<IdentityDoc[]> {
    return this.m.Identity.find({ tenant, memberId: { $in: memberIds } })
      .sort({ linkedAt: 1 })
      .lean<IdentityDoc[]>();
  }

  /** Links an identity to a member; when the identity already exists, returns its member instead. */
  async linkIdentity(doc: Omit<IdentityDoc, '_id'>): Promise<{ memberId: string; inserted: boolean }> {
    try {
      await this.m.Identity.create({ _id: identityKey(doc.tenant, doc.channel, doc.externalId), ...doc });
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
      { _id: identityKey(tenant, channel, externalId), memberId: from },
      { $set: { memberId: to } },
    );
  }

  /** Claims a phone for a member; the first claim wins and every later caller learns the owner. */
  async claimPhone(tenant: string, phone: string, memberId: string, now: Date): Promise<string> {
    try {
      await this.m.PhoneClaim.create({ _id: phoneKey(tenant, phone), tenant, memberId, claimedAt: now });
      return memberId;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const owner = await this.phoneOwner(tenant, phone);
      if (!owner) throw error;
      return owner;
    }
  }

  async phoneOwner(tenant: string, phone: string): Promise<string | null> {
    const claim = await this.m.PhoneClaim.findById(phoneKey(tenant, phone)).lean();
    return claim?.memberId ?? null;
  }

  async upsertStore(tenant: string, storeId: string, name: string, region: string): Promise<void> {
    await this.m.Store.updateOne(
      { _id: storeKey(tenant, storeId) },
      { $set: { tenant, storeId, name, region } },
      { upsert: true },
    );
  }

  async storesByIds(tenant: string, ids: readonly string[]): Promise<StoreDoc[]> {
    return this.m.Store.find({ _id: { $in: ids.map((id) => storeKey(tenant, id)) } }).lean<StoreDoc[]>();
  }
}
