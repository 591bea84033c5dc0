import type { Connection } from 'mongoose';
import {
  type Cache,
  type Clock,
  DueClaims,
  ReadThrough,
  insertManyOnce,
  insertOnce,
} from '@zhongtai/subgraph-kit';
import { EMPTY_FUNNEL } from '../domain/campaigns.js';
import {
  type CampaignDoc,
  type CampaignFunnelCounts,
  type CampaignStoreDoc,
  type CampaignTrigger,
  type DeliveryDoc,
  scopedKey,
} from '../domain/records.js';
import { contentModels } from './models.js';
import { type MergeOf, MemberRecordMerges } from './member-merges.js';

type Step = keyof CampaignFunnelCounts;

/**
 * Campaigns, their funnels (counters per campaign and per store, moved by `$inc` when a step
 * happens: never counted from scans) and their deliveries (one per campaign and member; due ones
 * claimed with a lease by the kit's DueClaims).
 */
export class CampaignRepository {
  private readonly m: ReturnType<typeof contentModels>;
  readonly due: DueClaims<DeliveryDoc>;
  /**
   * each member's latest SENT delivery (the last touch an order is attributed to; most members have
   * none): absent ones cached too, forgotten when a delivery to the member is sent or moves with a merge
   */
  private readonly lastSent: ReadThrough<DeliveryDoc>;
  private readonly merges: MemberRecordMerges;

  constructor(db: Connection, clock: Clock, owner: string, cache: Cache) {
    this.m = contentModels(db);
    this.due = new DueClaims(this.m.Delivery, { owner, leaseMs: 60_000, clock });
    this.lastSent = new ReadThrough<DeliveryDoc>({
      cache,
      prefix: 'content:last-sent:',
      ttlSeconds: 300,
      dates: ['sentAt', 'createdAt', 'dueAt', 'claimedAt'],
      cacheMisses: true,
    });
    this.merges = new MemberRecordMerges(this.m.Delivery, this.lastSent as ReadThrough<unknown>);
  }

  campaign(tenant: string, id: string): Promise<CampaignDoc | null> {
    return this.m.Campaign.findById(scopedKey(tenant, id)).lean<CampaignDoc>();
  }

  async save(doc: Omit<CampaignDoc, '_id' | 'funnel'>): Promise<CampaignDoc> {
    const _id = scopedKey(doc.tenant, doc.campaignId);
    return (await this.m.Campaign.findOneAndUpdate(
      { _id },
      { $set: doc, $setOnInsert: { funnel: EMPTY_FUNNEL } },
      { upsert: true, new: true },
    ).lean<CampaignDoc>())!;
  }

  active(tenant: string, trigger: CampaignTrigger): Promise<CampaignDoc[]> {
    return this.m.Campaign.find({ tenant, trigger, active: true }).lean<CampaignDoc[]>();
  }

  async storeFunnel(tenant: string, campaignId: string, storeId: string): Promise<CampaignFunnelCounts> {
    const doc = await this.m.CampaignStore.findById(
      scopedKey(tenant, `${campaignId}|${storeId}`),
    ).lean<CampaignStoreDoc>();
    return { ...EMPTY_FUNNEL, ...(doc?.funnel ?? {}) };
  }

  /** Counts a funnel step of a campaign, and of the store when there is one. */
  async count(tenant: string, campaignId: string, storeId: string | null, step: Step, by = 1): Promise<void> {
    await this.m.Campaign.updateOne(
      { _id: scopedKey(tenant, campaignId) },
      { $inc: { [`funnel.${step}`]: by } },
    );
    if (storeId)
      await this.m.CampaignStore.updateOne(
        { _id: scopedKey(tenant, `${campaignId}|${storeId}`) },
        {
          $inc: { [`funnel.${step}`]: by },
          $setOnInsert: { tenant, campaignId, storeId },
        },
        { upsert: true },
      );
  }

  /** A delivery, once per campaign and member: false when it exists already. */
  schedule(d: DeliveryDoc): Promise<boolean> {
    return insertOnce(this.m.Delivery, d);
  }

  /** The member's latest delivery of a campaign (a recurring campaign has one per occurrence), or null. */
  latestDelivery(tenant: string, campaignId: string, memberId: string): Promise<DeliveryDoc | null> {
    return this.m.Delivery.findOne({ tenant, campaignId, memberId })
      .sort({ createdAt: -1 })
      .lean<DeliveryDoc>();
  }

  /** Deliveries of a fan-out (a segment, today's birthdays), each once: how many were new. */
  async scheduleMany(docs: DeliveryDoc[]): Promise<number> {
    return (await insertManyOnce(this.m.Delivery, docs)).length;
  }

  /** Active BIRTHDAY campaigns, and SEGMENT ones due (from `startAt`) and not yet fanned out: every tenant's. */
  fanOutCampaigns(now: Date): Promise<CampaignDoc[]> {
    return this.m.Campaign.find({
      active: true,
      $or: [
        { trigger: 'BIRTHDAY' }, // every day
        { trigger: 'SEGMENT', startAt: { $lte: now }, 'fanOut.done': { $ne: true } },
      ],
    }).lean<CampaignDoc[]>();
  }

  async saveFanOut(id: string, fanOut: NonNullable<CampaignDoc['fanOut']>): Promise<void> {
    await this.m.Campaign.updateOne({ _id: id }, { $set: { fanOut } });
  }

  async markSent(
    d: Pick<DeliveryDoc, '_id' | 'tenant' | 'memberId'>,
    status: 'SENT' | 'IN_APP' | 'SKIPPED',
    via: string | null,
    at: Date,
  ): Promise<boolean> {
    const done = await this.due.complete(d._id, { $set: { status, sentVia: via, sentAt: at, dueAt: null } });
    if (status === 'SENT') await this.lastSent.forget(scopedKey(d.tenant, d.memberId));
    return done;
  }

  /**
   * One message of a channel's per-minute budget (`send_rates`, one counter per channel and minute,
   * shared by every replica): false when the minute is full. A refused take still counts, which only
   * makes the minute stricter. The first take of a minute clears minutes long past.
   */
  async takeSendSlot(via: string, now: Date, limit: number): Promise<boolean> {
    const minute = Math.floor(now.getTime() / 60_000);
    const doc = await this.m.SendRate.findOneAndUpdate(
      { _id: `${via}|${minute}` },
      { $inc: { n: 1 }, $setOnInsert: { expiresAt: new Date((minute + 10) * 60_000) } },
      { upsert: true, new: true },
    ).lean<{ n: number }>();
    const n = doc?.n ?? 1;
    if (n === 1) await this.m.SendRate.deleteMany({ expiresAt: { $lt: now } }); // once a minute per channel
    return n <= limit;
  }

  async lastSentAt(tenant: string, memberId: string): Promise<Date | null> {
    return (
      (await this.m.Contact.findById(scopedKey(tenant, memberId)).lean<{ lastSentAt: Date }>())?.lastSentAt ??
      null
    );
  }

  async sentTo(tenant: string, memberId: string, at: Date): Promise<void> {
    await this.m.Contact.updateOne(
      { _id: scopedKey(tenant, memberId) },
      { $set: { lastSentAt: at } },
      { upsert: true },
    );
  }

  /**
   * The member's deliveries of an offer whose claim is not counted yet: sent, waiting in the app, or
   * still held back (a member who joined at night and claimed in the app before 09:00 counts too).
   */
  unclaimed(tenant: string, memberId: string, offerId: string): Promise<DeliveryDoc[]> {
    return this.m.Delivery.find({
      tenant,
      memberId,
      offerId,
      status: { $ne: 'SKIPPED' },
      claimedAt: null,
    }).lean<DeliveryDoc[]>();
  }

  /** Marks a step once (true only for the call that marked it). */
  async markClaimed(id: string, at: Date): Promise<boolean> {
    return this.markOnce(id, 'claimedAt', at);
  }

  /** Marks `field` (a step's time) on the delivery once: true only for the call that marked it. */
  async markOnce(id: string, field: 'claimedAt' | 'clickedAt' | 'sharedAt', at: Date): Promise<boolean> {
    const r = await this.m.Delivery.updateOne({ _id: id, [field]: null }, { $set: { [field]: at } });
    return r.modifiedCount === 1;
  }

  /** One more member joined through this delivery's share. */
  async creditReferral(id: string): Promise<void> {
    await this.m.Delivery.updateOne({ _id: id }, { $inc: { referrals: 1 } });
  }

  /** The member's latest message sent at or before `before` (last touch), or null. */
  async latestSent(tenant: string, memberId: string, before: Date): Promise<DeliveryDoc | null> {
    const query = (upTo?: Date) =>
      this.m.Delivery.findOne({
        tenant,
        memberId,
        status: 'SENT',
        ...(upTo ? { sentAt: { $lte: upTo } } : {}),
      })
        .sort({ sentAt: -1 })
        .lean<DeliveryDoc>();
    const [latest] = await this.lastSent.loadOfTenant(tenant, [memberId], async () => {
      const d = await query();
      return d ? [{ id: memberId, value: d }] : [];
    });
    if (!latest) return null; // never sent anything: the usual case, no command once cached
    return latest.sentAt && latest.sentAt <= before ? latest : query(before);
  }

  /** Whether a delivery counted this order as its purchase already. */
  async attributed(tenant: string, orderId: string): Promise<boolean> {
    return !!(await this.m.Delivery.exists({ tenant, purchasedOrderId: orderId }));
  }

  /** The member's latest delivery of an offer (the campaign its coupon came from), or null. */
  latestOfOffer(tenant: string, memberId: string, offerId: string): Promise<DeliveryDoc | null> {
    return this.m.Delivery.findOne({ tenant, memberId, offerId, status: { $ne: 'SKIPPED' } })
      .sort({ createdAt: -1 })
      .lean<DeliveryDoc>();
  }

  async markPurchased(id: string, orderId: string): Promise<boolean> {
    return (
      (
        await this.m.Delivery.updateOne(
          { _id: id, purchasedOrderId: null },
          { $set: { purchasedOrderId: orderId } },
        )
      ).modifiedCount === 1
    );
  }

  /** The points earned on an order (one record per order; a redelivery writes the same). */
  /**
   * The two sides of an order's `pointsAwarded` meet on one document per order, each in one atomic
   * write that also shows what the other side wrote: the points (true when the order was attributed
   * already: the caller credits them) …
   */
  async recordOrderPoints(tenant: string, orderId: string, points: number): Promise<boolean> {
    const before = await this.m.OrderPoints.findOneAndUpdate(
      { _id: scopedKey(tenant, orderId) },
      { $set: { tenant, orderId, points } },
      { upsert: true },
    ).lean<{ attributed?: boolean }>();
    return !!before?.attributed;
  }

  /** … and the attribution (the order's points when they arrived already: the caller credits them). */
  async recordAttribution(tenant: string, orderId: string): Promise<number> {
    const after = await this.m.OrderPoints.findOneAndUpdate(
      { _id: scopedKey(tenant, orderId) },
      { $set: { attributed: true }, $setOnInsert: { tenant, orderId } },
      { upsert: true, new: true },
    ).lean<{ points?: number }>();
    return after?.points ?? 0;
  }

  /** The delivery that counted this order as its purchase takes its points, once: that delivery, or null. */
  creditPoints(tenant: string, orderId: string, points: number): Promise<DeliveryDoc | null> {
    return this.m.Delivery.findOneAndUpdate(
      { tenant, purchasedOrderId: orderId, pointsAwarded: null },
      { $set: { pointsAwarded: points } },
      { new: true },
    ).lean<DeliveryDoc>();
  }

  followMerge(tenant: string, m: MergeOf): Promise<void> {
    return this.merges.merged(tenant, m);
  }

  followUnmerge(tenant: string, m: MergeOf): Promise<void> {
    return this.merges.unmerged(tenant, m);
  }
}
