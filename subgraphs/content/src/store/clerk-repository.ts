import type { Connection } from 'mongoose';
import { insertOnce, moveBackForUnmerge, moveForMerge } from '@zhongtai/subgraph-kit';
import { type ClerkStatsDoc, type RecruitDoc, scopedKey } from '../domain/records.js';
import { contentModels } from './models.js';

type Counter = 'joins' | 'orders' | 'sales' | 'couponsRedeemed';

/** Clerks' recruits and counters (R-ID-4): counted with `$inc` as things happen, each thing once. */
export class ClerkRepository {
  private readonly m: ReturnType<typeof contentModels>;
  constructor(db: Connection) {
    this.m = contentModels(db);
  }

  /** The member's recruiting clerk, once: false when it was recorded already. */
  recruit(r: RecruitDoc): Promise<boolean> {
    return insertOnce(this.m.Recruit, r);
  }

  /** The member's recruitment (merged members' included: the earliest counts). */
  recruitOf(tenant: string, memberId: string): Promise<RecruitDoc | null> {
    return this.m.Recruit.findOne({ tenant, memberId }).sort({ at: 1 }).lean<RecruitDoc>();
  }

  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return moveForMerge(this.m.Recruit as never, tenant, m);
  }

  followUnmerge(tenant: string, mergeId: string): Promise<void> {
    return moveBackForUnmerge(this.m.Recruit as never, tenant, mergeId);
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
