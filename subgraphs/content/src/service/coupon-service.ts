import { randomBytes } from 'node:crypto';
import { badInput, conflict, notFound } from '@zhongtai/contracts';
import {
  type Clock,
  type Logger,
  type RequestContext,
  type TenantCalendar,
  groupByKeys,
  loader,
} from '@zhongtai/subgraph-kit';
import { checkClaimable, couponCode, normaliseCode, redemption } from '../domain/coupons.js';
import { type ContentItemDoc, type CouponDoc, couponId, scopedKey } from '../domain/records.js';
import type { CouponRepository } from '../store/coupon-repository.js';
import type { ContentService } from './content-service.js';

/** A claimed coupon with the offer it was claimed from. */
export interface CouponWithOffer {
  coupon: CouponDoc;
  offer: ContentItemDoc;
}

/** a claim that took stock this long ago and wrote no coupon died: its stock is given back */
const CLAIM_SETTLES_MS = 60_000;

/**
 * Coupons (R-CT-4): claimed by members, at most one per member and offer under any concurrency,
 * never more than the offer's stock; unique unguessable codes (80 random bits); valid through the
 * end of the tenant's day `validDays` after the claim; redeemed once, at a store. Who may call
 * what: policy.ts (the services check no roles).
 */
export class CouponService {
  constructor(
    private readonly repo: CouponRepository,
    private readonly content: ContentService,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
    private readonly logger: Logger,
    /** a claim counted in the funnels of the campaigns that delivered the offer */
    private readonly onClaim: (
      tenant: string,
      memberId: string,
      offerId: string,
      at: Date,
    ) => Promise<void> = async () => undefined,
    /**
     * a redemption at this store: `fresh` once, when this caller redeemed it (a clerk's count); again
     * (not fresh) on each replay, so what the first call did not finish is done then
     */
    private readonly onRedeem: (
      ctx: RequestContext,
      storeId: string,
      coupon: CouponDoc,
      fresh: boolean,
    ) => Promise<void> = async () => undefined,
    private readonly random: (n: number) => Uint8Array = randomBytes,
  ) {}

  /**
   * A member's coupons, latest claimed first, each with its offer (a coupon whose offer no longer
   * exists is left out). Coupons of every member a request names in one query, their offers in one.
   */
  async ofMember(ctx: RequestContext, memberId: string): Promise<CouponWithOffer[]> {
    return this.withOffers(ctx, await this.couponsOf(ctx, memberId));
  }

  /** The offers the member holds a coupon of (the feed leaves them out): its coupons only, no offers read. */
  async claimedOffers(ctx: RequestContext, memberId: string): Promise<Set<string>> {
    return new Set((await this.couponsOf(ctx, memberId)).map((c) => c.offerId));
  }

  /** A member's coupons, latest claimed first; every member a request names in one query. */
  private couponsOf(ctx: RequestContext, memberId: string): Promise<CouponDoc[]> {
    return loader<string, CouponDoc[]>(ctx, 'content:coupons', async (ids) =>
      groupByKeys(ids, await this.repo.couponsOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
  }

  /**
   * `claimCoupon`: the member's coupon of the offer; claiming again answers the same coupon. The
   * stock is taken first (one conditional update), then the coupon written; if the same member's
   * other claim wrote first, the stock is given back. Out of stock is a CONFLICT.
   */
  async claim(ctx: RequestContext, memberId: string, offerId: string): Promise<CouponWithOffer> {
    const offerKey = offerId.trim();
    const id = couponId(offerKey, memberId);
    const [offer, mine] = await Promise.all([
      this.content.items(ctx).load(offerKey),
      this.repo.get(ctx.tenant, id),
    ]);
    if (!offer || offer.kind !== 'COUPON_OFFER') throw notFound('No such coupon offer');
    if (mine) {
      // a replay: what the first claim may not have counted (it died after writing) is counted now
      await this.onClaim(ctx.tenant, memberId, offer.itemId, mine.claimedAt);
      return { coupon: mine, offer };
    }
    const now = this.clock.now();
    checkClaimable(offer, now);
    const limited = offer.offer!.stock !== null;
    const taken = await this.repo.take(ctx.tenant, offer.itemId, now, limited);
    if (!taken) throw conflict(`No coupons of ${offer.itemId} are left`);
    const cal = this.calendar.of(ctx.tenant);
    const lastDay = cal.businessDay(cal.addDays(now, offer.offer!.validDays + 1));
    for (let attempt = 0; attempt < 3; attempt++) {
      const coupon: CouponDoc = {
        _id: scopedKey(ctx.tenant, id),
        tenant: ctx.tenant,
        memberId,
        claimedBy: memberId,
        offerId: offer.itemId,
        ...couponCode(this.random),
        claimedAt: now,
        validUntil: new Date(cal.startOfDay(lastDay).getTime() - 1),
        redeemedAt: null,
        redeemedStoreId: null,
      };
      if (await this.repo.insert(coupon)) {
        await this.onClaim(ctx.tenant, memberId, offer.itemId, now);
        return { coupon, offer: taken };
      }
      const raced = await this.repo.get(ctx.tenant, id);
      if (raced) {
        await this.repo.giveBack(ctx.tenant, offer.itemId, taken.remaining != null);
        return { coupon: raced, offer };
      }
      // the code was taken (1 in 2^80 per coupon issued): another one
    }
    throw new Error('no free coupon code after 3 attempts');
  }

  /** The coupon with this code (normalised: case, dashes, O/0 and I/L/1 do not matter), or null. */
  async byCode(ctx: RequestContext, raw: string): Promise<CouponDoc | null> {
    const key = normaliseCode(raw);
    if (!key) throw badInput('Not a coupon code (16 letters and digits)', { field: 'code' });
    return this.repo.byCode(ctx.tenant, key);
  }

  /**
   * `redeemCoupon` at a store (a till, through the POS or the store terminal): once; the same
   * redemption again answers the same; redeemed at another store is a CONFLICT, expired is
   * BAD_USER_INPUT, an unknown code NOT_FOUND.
   */
  async redeem(
    ctx: RequestContext,
    raw: string,
    storeId: string,
    orderId: string | null = null,
  ): Promise<CouponWithOffer> {
    const found = await this.byCode(ctx, raw);
    if (!found) throw notFound('No such coupon');
    const now = this.clock.now();
    let coupon = found;
    let fresh = false;
    if (redemption(found, storeId, now) === 'redeem') {
      const done = await this.repo.redeem(found._id, storeId, orderId, now);
      // redeemed by a racing call meanwhile: what that one did decides
      coupon = done ?? (await this.repo.byKey(found._id))!;
      if (!done) redemption(coupon, storeId, now);
      fresh = !!done;
    }
    await this.onRedeem(ctx, storeId, coupon, fresh);
    const [withOffer] = await this.withOffers(ctx, [coupon]);
    if (!withOffer) throw notFound('The offer of this coupon no longer exists');
    return withOffer;
  }

  /** The periodic check: stock taken by claims that died before writing their coupon is given back. */
  async settleClaims(): Promise<number> {
    const quiet = new Date(this.clock.now().getTime() - CLAIM_SETTLES_MS);
    let fixed = 0;
    for (const offer of await this.repo.offersToCheck(quiet)) {
      const coupons = await this.repo.countOf(offer.tenant, offer.itemId);
      if ((offer.issued ?? 0) > coupons) {
        this.logger.warn(
          { tenant: offer.tenant, offerId: offer.itemId, issued: offer.issued, coupons },
          'offer stock taken by claims that wrote no coupon: given back',
        );
        fixed++;
      }
      await this.repo.reconcile(offer, coupons);
    }
    return fixed;
  }

  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return this.repo.followMerge(tenant, m);
  }

  followUnmerge(tenant: string, mergeId: string): Promise<void> {
    return this.repo.followUnmerge(tenant, mergeId);
  }

  private async withOffers(ctx: RequestContext, coupons: CouponDoc[]): Promise<CouponWithOffer[]> {
    const offers = await this.content.items(ctx).loadMany(coupons.map((d) => d.offerId));
    return coupons.flatMap((coupon, i) => {
      const offer = offers[i];
      return !offer || offer instanceof Error ? [] : [{ coupon, offer }];
    });
  }
}
