import { badInput, notFound } from '@zhongtai/contracts';
import type { Clock, RequestContext, TenantCalendar } from '@zhongtai/subgraph-kit';
import { type CampaignSettings, attributable, checkCampaign, occurrenceOf } from '../domain/campaigns.js';
import {
  type CampaignAction,
  type CampaignDoc,
  type CampaignFunnelCounts,
  type CampaignTrigger,
  type CouponDoc,
  type DeliveryDoc,
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
    private readonly calendar: TenantCalendar,
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

  /**
   * A trigger for a member: a delivery of every active campaign with it, once (for a recurring
   * trigger once per occurrence: `occurrenceOf`); sent at once if it may be.
   */
  async triggered(
    tenant: string,
    trigger: CampaignTrigger,
    m: { memberId: string; storeId: string | null },
  ): Promise<void> {
    const at = this.clock.now();
    const occurrence = occurrenceOf(trigger, this.calendar.of(tenant).businessDay(at));
    let scheduled = 0;
    for (const c of await this.repo.active(tenant, trigger)) {
      const fresh = await this.repo.schedule({
        ...blankDelivery(tenant, c, m.memberId, m.storeId, at),
        _id: deliveryKey(tenant, c.campaignId, m.memberId, occurrence),
      });
      if (!fresh) continue; // redelivered trigger: scheduled (and counted) before
      scheduled++;
      if (trigger === 'JOINED_IN_STORE') await this.repo.count(tenant, c.campaignId, m.storeId, 'joined');
    }
    // a welcome within seconds: the scheduler's next round is not waited for
    if (scheduled) await this.sender.runOnce();
  }

  /**
   * What a channel app reports (`trackCampaign`, the member for itself), each once per member and
   * campaign: CLICKED and SHARED count on the member's own delivery; JOINED_VIA_SHARE (a member who
   * came in through another's share link) joins the campaign, counts `joined` at the sharer's store and
   * credits the sharer (the "ears" of seed 002) — only if the sharer did share it. True when it counted.
   */
  async track(
    tenant: string,
    memberId: string,
    campaignId: string,
    action: CampaignAction,
    sharerId: string | null,
  ): Promise<boolean> {
    const at = this.clock.now();
    const c = await this.repo.campaign(tenant, campaignId);
    if (!c) throw notFound('No such campaign');
    if (action === 'JOINED_VIA_SHARE') {
      const sharer =
        sharerId && sharerId !== memberId
          ? await this.repo.latestDelivery(tenant, campaignId, sharerId)
          : null;
      if (!sharer?.sharedAt)
        throw badInput('sharerId must be a member who shared this campaign', { field: 'sharerId' });
      const fresh = await this.repo.schedule({
        ...blankDelivery(tenant, c, memberId, sharer.storeId, at),
        _id: deliveryKey(tenant, campaignId, memberId, null),
        status: 'IN_APP',
        dueAt: null,
        referredBy: sharer.memberId,
      });
      if (!fresh) return false; // in the campaign already (its own message, or an earlier share)
      await this.repo.creditReferral(sharer._id);
      await this.repo.count(tenant, campaignId, sharer.storeId, 'joined');
      return true;
    }
    const mine = await this.repo.latestDelivery(tenant, campaignId, memberId);
    if (!mine) throw badInput('the campaign has not reached this member', { field: 'campaignId' });
    const step = action === 'CLICKED' ? 'clicked' : 'shared';
    if (!(await this.repo.markOnce(mine._id, action === 'CLICKED' ? 'clickedAt' : 'sharedAt', at)))
      return false;
    await this.repo.count(tenant, campaignId, mine.storeId, step);
    return true;
  }

  /** The member claimed a coupon of `offerId`: counted for each campaign that delivered it to the member. */
  async couponClaimed(tenant: string, memberId: string, offerId: string, at: Date): Promise<void> {
    for (const d of await this.repo.unclaimed(tenant, memberId, offerId))
      if (await this.repo.markClaimed(d._id, at))
        await this.repo.count(tenant, d.campaignId, d.storeId, 'couponsClaimed');
  }

  /**
   * A campaign's coupon used on an order (redeemed with the order named, e.g. by the POS feed): the
   * purchase counts for the campaign that delivered the offer to the coupon's holder, whoever's card
   * the till scanned — the surest touch there is. Each order counts for one campaign, once.
   */
  async couponUsed(tenant: string, coupon: CouponDoc): Promise<void> {
    const orderId = coupon.redeemedOrderId;
    if (!orderId || (await this.repo.attributed(tenant, orderId))) return;
    const d = await this.repo.latestOfOffer(tenant, coupon.memberId, coupon.offerId);
    if (d && (await this.repo.markPurchased(d._id, orderId))) {
      await this.repo.count(tenant, d.campaignId, d.storeId, 'purchased');
      await this.attributedPoints(tenant, orderId);
    }
  }

  /**
   * Points the member earned on an order (`points.changed`): counted in the funnel of the campaign its
   * purchase counted for. The purchase may be attributed before or after the points arrive: both sides
   * write to one record per order, each seeing in its own write whether the other came first, so exactly
   * one of them credits the delivery (which takes the points once in any case).
   */
  async pointsEarned(tenant: string, orderId: string, points: number): Promise<void> {
    if (points <= 0) return;
    if (await this.repo.recordOrderPoints(tenant, orderId, points))
      await this.creditPoints(tenant, orderId, points);
  }

  /** An order just attributed: its points (when they came first) to the delivery that counted it. */
  private async attributedPoints(tenant: string, orderId: string): Promise<void> {
    const points = await this.repo.recordAttribution(tenant, orderId);
    if (points) await this.creditPoints(tenant, orderId, points);
  }

  private async creditPoints(tenant: string, orderId: string, points: number): Promise<void> {
    const d = await this.repo.creditPoints(tenant, orderId, points);
    if (d) await this.repo.count(tenant, d.campaignId, d.storeId, 'pointsAwarded', points);
  }

  /**
   * A completed order: counted for the campaign whose message the member got last, inside its window
   * (unless a campaign's coupon used on it counted it already).
   */
  async orderCompleted(
    tenant: string,
    o: { orderId: string; memberId?: string; placedAt: Date },
  ): Promise<void> {
    if (!o.memberId) return;
    // the member's last touch first: most members were sent nothing (cached, no command)
    const last = await this.repo.latestSent(tenant, o.memberId, o.placedAt);
    if (!last?.sentAt || (await this.repo.attributed(tenant, o.orderId))) return;
    const c = await this.repo.campaign(tenant, last.campaignId);
    if (!c || !attributable(last.sentAt, o.placedAt, c.attributionDays ?? 7)) return;
    if (await this.repo.markPurchased(last._id, o.orderId)) {
      await this.repo.count(tenant, last.campaignId, last.storeId, 'purchased');
      await this.attributedPoints(tenant, o.orderId);
    }
  }

  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return this.repo.followMerge(tenant, m);
  }

  followUnmerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return this.repo.followUnmerge(tenant, m);
  }
}

/** A delivery's id: one per campaign and member, and per occurrence of a recurring trigger. */
export const deliveryKey = (
  tenant: string,
  campaignId: string,
  memberId: string,
  occurrence: string | null,
) => scopedKey(tenant, `${campaignId}|${memberId}${occurrence ? `|${occurrence}` : ''}`);

/** A new delivery of campaign `c` to a member, due now (`SCHEDULED`), nothing counted yet. */
export function blankDelivery(
  tenant: string,
  c: CampaignDoc,
  memberId: string,
  storeId: string | null,
  at: Date,
): Omit<DeliveryDoc, '_id'> {
  return {
    tenant,
    campaignId: c.campaignId,
    memberId,
    storeId,
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
  };
}
