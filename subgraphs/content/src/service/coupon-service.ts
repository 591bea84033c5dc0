import { type RequestContext, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { ContentItemDoc, CouponDoc } from '../domain/records.js';
import type { ContentRepository } from '../store/content-repository.js';
import type { ContentService } from './content-service.js';

/** A claimed coupon with the offer it was claimed from. */
export interface CouponWithOffer {
  coupon: CouponDoc;
  offer: ContentItemDoc;
}

/** Coupons (R-CT-4). Who may read a member's coupons: `Member.coupons` in policy.ts. */
export class CouponService {
  constructor(
    private readonly repo: ContentRepository,
    private readonly content: ContentService,
  ) {}

  /**
   * A member's coupons, latest claimed first, each with its offer (a coupon whose offer no longer
   * exists is left out). Coupons of every member a request names in one query, their offers in one.
   */
  async ofMember(ctx: RequestContext, memberId: string): Promise<CouponWithOffer[]> {
    const coupons = await loader<string, CouponDoc[]>(ctx, 'content:coupons', async (ids) =>
      groupByKeys(ids, await this.repo.couponsOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
    const offers = await this.content.items(ctx).loadMany(coupons.map((d) => d.offerId));
    return coupons.flatMap((coupon, i) => {
      const offer = offers[i];
      return !offer || offer instanceof Error ? [] : [{ coupon, offer }];
    });
  }
}
