import type { Connection } from 'mongoose';
import { type Cache, ReadThrough, insertOnce } from '@zhongtai/subgraph-kit';
import { type ClerkStatsDoc, type RecruitDoc, scopedKey } from '../domain/records.js';
import { contentModels } from './models.js';
import { type MergeOf, MemberRecordMerges } from './member-merges.js';

type Counter = 'joins' | 'orders' | 'sales' | 'couponsRedeemed';

/** Clerks' recruits and counters (R-ID-4): counted with `$inc` as things happen, each thing once. */
export class ClerkRepository {
  private readonly m: ReturnType<typeof contentModels>;
  /** each member's recruitment, asked for every order (most members have none): absent ones cached too */
  private readonly recruitCache: ReadThrough<RecruitDoc>;
  private readonly merges: MemberRecordMerges;
  constructor(db: Connection, cache: Cache) {
    this.m = contentModels(db);
    this.recruitCache = new ReadThrough<RecruitDoc>({
      cache,
      prefix: 'content:recruit:',
      ttlSeconds: 300,
      dates: ['at'],
      cacheMisses: true,
    });
    this.merges = new MemberRecordMerges(this.m.Recruit, this.recruitCache as ReadThrough<unknown>);
  }

  /** The member's recruiting clerk, once: false when it was recorded already. */
  async recruit(r: RecruitDoc): Promise<boolean> {
    const fresh = await insertOnce(this.m.Recruit, r);
    await this.recruitCache.forget(scopedKey(r.tenant, r.memberId));
    return fresh;
  }

  /** The member's recruitment (merged members' included: the earliest counts). */
  async recruitOf(tenant: string, memberId: string): Promise<RecruitDoc | null> {
    const [found] = await this.recruitCache.loadOfTenant(tenant, [memberId], async () => {
      const r = await this.m.Recruit.findOne({ tenant, memberId }).sort({ at: 1 }).lean<RecruitDoc>();
      return r ? [{ id: memberId, value: r }] : [];
    });
    return found ?? null;
  }

  followMerge(tenant: string, m: MergeOf): Promise<void> {
    return this.merges.merged(tenant, m);
  }

  followUnmerge(tenant: string, m: MergeOf): Promise<void> {
    return this.merges.unmerged(tenant, m);
  }

  recruits(tenant: string, storeId: string, clerkId: string, limit: number): Promise<RecruitDoc[]> {
    return this.m.Recruit.find({ tenant, storeId, clerkId })
      .sort({ at: -1 })
      .limit(limit)
      .lean<RecruitDoc[]>();
  }

  /** An order counted for a clerk once: false when it was counted already. */
  countOrderOnce(tenant: string, orderId: string): Promise<boolean> {
    return insertOnce(this.m.ClerkOrder, { _id: scopedKey(tenant, orderId) });
  }

  async add(
    tenant: string,
    storeId: string,
    clerkId: string,
    by: Partial<Record<Counter, number>>,
  ): Promise<void> {
    await this.m.ClerkStats.updateOne(
      { _id: scopedKey(tenant, `${storeId}|${clerkId}`) },
      { $inc: by, $setOnInsert: { tenant, storeId, clerkId } },
      { upsert: true },
    );
  }

  async stats(tenant: string, storeId: string, clerkId: string): Promise<ClerkStatsDoc | null> {
    return this.m.ClerkStats.findById(scopedKey(tenant, `${storeId}|${clerkId}`)).lean<ClerkStatsDoc>();
  }
}
