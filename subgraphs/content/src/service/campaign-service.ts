import type { Clock, RequestContext } from '@zhongtai/subgraph-kit';
import { type CampaignSettings, attributable, checkCampaign } from '../domain/campaigns.js';
import {
  type CampaignDoc,
  type CampaignFunnelCounts,
  type CampaignTrigger,
  scopedKey,
} from '../domain/records.js';
import type { CampaignRepository } from '../store/campaign-repository.js';
import type { CampaignSender } from './campaign-sender.js';

/**
 * Campaigns and their funnels (R-CT-3): HQ saves a campaign with its trigger; a trigger schedules
 * one delivery per campaign and member (sent by the `CampaignSender`); the funnel's steps are
 * counted as they happen, per campaign and per store, each once per delivery: `joined` (a QR join
 * that started a welcome), `sent` (a message went out), `couponsClaimed` (the member claimed the
 * campaign's offer), `purchased` (a completed order within the attribution window after the
 * member's latest message: last touch). Who may call what: policy.ts.
 */
export class CampaignService {
  constructor(
    private readonly repo: CampaignRepository,
    private readonly sender: CampaignSender,
    private readonly clock: Clock,
  ) {}

  /** The campaign with this id in the caller's tenant, or null. */
  byId(ctx: RequestContext, id: string): Promise<CampaignDoc | null> {
    return this.repo.campaign(ctx.tenant, id);
  }

  storeFunnel(ctx: RequestContext, id: string, storeId: string): Promise<CampaignFunnelCounts> {
    return this.repo.storeFunnel(ctx.tenant, id, storeId);
  }

  async save(tenant: string, id: string, input: CampaignSettings, at: Date): Promise<CampaignDoc> {
    const c = checkCampaign(input);
    return this.repo.save({ tenant, campaignId: id.trim(), ...c, updatedAt: at });
  }

  /** A trigger for a member: a delivery of every active campaign with it, once; sent at once if it may be. */
  async triggered(
    tenant: string,
    trigger: CampaignTrigger,
    m: { memberId: string; storeId: string | null },
  ): Promise<void> {
    const at = this.clock.now();
    let scheduled = 0;
    for (const c of await this.repo.active(tenant, trigger)) {
      const fresh = await this.repo.schedule({
        _id: scopedKey(tenant, `${c.campaignId}|${m.memberId}`),
        tenant,
        campaignId: c.campaignId,
        memberId: m.memberId,
        storeId: m.storeId,
        offerId: c.offerId ?? null,
        status: 'SCHEDULED',
        createdAt: at,
        sentAt: null,
        sentVia: null,
        claimedAt: null,
        purchasedOrderId: null,
        dueAt: at,
        attempts: 0,
        leaseUntil: null,
        leaseOwner: null,
        lastError: null,
      });
      if (!fresh) continue; // redelivered trigger: scheduled (and counted) before
      scheduled++;
      if (trigger === 'JOINED_IN_STORE') await this.repo.count(tenant, c.campaignId, m.storeId, 'joined');
    }
    // a welcome within seconds: the scheduler's next round is not waited for
    if (scheduled) await this.sender.runOnce();
  }

  /** The member claimed a coupon of `offerId`: counted for each campaign that delivered it to the member. */
  async couponClaimed(tenant: string, memberId: string, offerId: string, at: Date): Promise<void> {
    for (const d of await this.repo.unclaimed(tenant, memberId, offerId))
      if (await this.repo.markClaimed(d._id, at))
        await this.repo.count(tenant, d.campaignId, d.storeId, 'couponsClaimed');
  }

  /** A completed order: counted for the campaign whose message the member got last, inside its window. */
  async orderCompleted(
    tenant: string,
    o: { orderId: string; memberId?: string; placedAt: Date },
  ): Promise<void> {
    if (!o.memberId) return;
    const last = await this.repo.latestSent(tenant, o.memberId, o.placedAt);
    if (!last?.sentAt) return;
    const c = await this.repo.campaign(tenant, last.campaignId);
    if (!c || !attributable(last.sentAt, o.placedAt, c.attributionDays ?? 7)) return;
    if (await this.repo.markPurchased(last._id, o.orderId))
      await this.repo.count(tenant, last.campaignId, last.storeId, 'purchased');
  }

  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return this.repo.followMerge(tenant, m);
  }

  followUnmerge(tenant: string, mergeId: string): Promise<void> {
    return this.repo.followUnmerge(tenant, mergeId);
  }
}
