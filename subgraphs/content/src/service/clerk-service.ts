import type { RequestContext } from '@zhongtai/subgraph-kit';
import { type ClerkStatsDoc, type RecruitDoc, scopedKey } from '../domain/records.js';
import type { ClerkRepository } from '../store/clerk-repository.js';

export type ClerkStats = Omit<ClerkStatsDoc, '_id' | 'tenant'>;

/**
 * Clerk attribution (导购, R-ID-4): a member created through a clerk's QR code (`identifyMember`
 * with `recruitedBy`) is that clerk's recruit; its completed orders within `windowDays` of joining
 * count for the clerk (orders and sales, each order once), and the coupons a clerk redeems count too.
 * Answered from counters per clerk and store. Who may read them: policy.ts.
 */
export class ClerkService {
  constructor(
    private readonly repo: ClerkRepository,
    private readonly windowDays: number,
  ) {}

  async recruited(
    tenant: string,
    r: { memberId: string; clerkId: string; storeId: string; at: Date },
  ): Promise<void> {
    if (await this.repo.recruit({ _id: scopedKey(tenant, r.memberId), tenant, ...r }))
      await this.repo.add(tenant, r.storeId, r.clerkId, { joins: 1 });
  }

  async orderCompleted(
    tenant: string,
    o: { orderId: string; memberId?: string; placedAt: Date; amount: number },
  ): Promise<void> {
    if (!o.memberId) return;
    const r = await this.repo.recruitOf(tenant, o.memberId);
    if (!r || !this.inWindow(r, o.placedAt)) return;
    if (await this.repo.countOrderOnce(tenant, o.orderId))
      await this.repo.add(tenant, r.storeId, r.clerkId, { orders: 1, sales: o.amount });
  }

  /** A merged member's recruitment goes with it to the survivor (its later orders count), and back on undo. */
  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return this.repo.followMerge(tenant, m);
  }

  followUnmerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return this.repo.followUnmerge(tenant, m);
  }

  /** A coupon redeemed by a clerk at its store (the redemption happened once: the caller says so). */
  async couponRedeemed(tenant: string, storeId: string, clerkId: string): Promise<void> {
    await this.repo.add(tenant, storeId, clerkId, { couponsRedeemed: 1 });
  }

  async stats(ctx: RequestContext, storeId: string, clerkId: string): Promise<ClerkStats> {
    const d = await this.repo.stats(ctx.tenant, storeId, clerkId);
    return {
      storeId,
      clerkId,
      joins: d?.joins ?? 0,
      orders: d?.orders ?? 0,
      sales: d?.sales ?? 0,
      couponsRedeemed: d?.couponsRedeemed ?? 0,
    };
  }

  /** The members the clerk recruited at the store, newest first. */
  async recruits(ctx: RequestContext, storeId: string, clerkId: string, first: number): Promise<string[]> {
    return (await this.repo.recruits(ctx.tenant, storeId, clerkId, Math.min(Math.max(first, 0), 100))).map(
      (r) => r.memberId,
    );
  }

  private inWindow(r: RecruitDoc, placedAt: Date): boolean {
    const ms = placedAt.getTime() - r.at.getTime();
    return ms >= 0 && ms <= this.windowDays * 86_400_000;
  }
}
