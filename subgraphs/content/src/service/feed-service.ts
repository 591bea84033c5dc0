import { type Channel, badInput } from '@zhongtai/contracts';
import {
  type Clock,
  type Logger,
  type RequestContext,
  type ServiceCall,
  loader,
  skusInStock,
} from '@zhongtai/subgraph-kit';
import { type FeedCandidate, rankFeed, skusToCheck } from '../domain/feed.js';
import type { ContentItemDoc } from '../domain/records.js';
import { type Audience, NO_TARGETING, memberKeys } from '../domain/targeting.js';
import type { AudienceRepository } from '../store/audience-repository.js';
import type { ContentRepository } from '../store/content-repository.js';
import type { CouponService } from './coupon-service.js';

/**
 * Candidates read per feed: the newest items found by the member's keys (then checked exactly), a few
 * times what is asked since some fall out (another facet, a window, a claimed offer, stock).
 */
const candidatesFor = (first: number) => Math.max(30, first * 5);
/** stores whose stock counts for a member (the first of its stores) */
const STORES_CHECKED = 3;
const NOBODY: Audience = { segments: [], tags: [], tier: null, storeIds: [], regions: [] };

type Ranked = FeedCandidate & { doc: ContentItemDoc };

/**
 * `Member.feed` (R-CT-1, R-IN-2): answered from the member's profile as content keeps it (segments,
 * tags, tier and stores from `member.profileChanged`, regions from `store.changed`) and the items
 * indexed by who they are for — never by scanning members or items: one read of the profile, one
 * indexed read of candidates, the member's coupons when offers are among them (shared with
 * `Member.coupons`), and one stock question through the gateway when items promote SKUs.
 */
export class FeedService {
  constructor(
    private readonly items: ContentRepository,
    private readonly audiences: AudienceRepository,
    private readonly coupons: CouponService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly call?: ServiceCall,
  ) {}

  async feed(
    ctx: RequestContext,
    memberId: string,
    channel: Channel,
    first: number,
  ): Promise<ContentItemDoc[]> {
    if (!Number.isInteger(first) || first < 0 || first > 50)
      throw badInput('first must be between 0 and 50', { field: 'first' });
    if (first === 0) return [];
    const now = this.clock.now();
    const profile = await this.audience(ctx).load(memberId);
    const audience = profile ?? NOBODY;
    const docs = await this.items.feedCandidates(
      ctx.tenant,
      channel,
      memberKeys(audience),
      now,
      candidatesFor(first),
    );
    const candidates: Ranked[] = docs.map((doc) => ({
      doc,
      itemId: doc.itemId,
      kind: doc.kind,
      publishedAt: doc.publishedAt,
      targeting: doc.targeting ?? NO_TARGETING,
      available: !doc.offer || doc.offer.stock === null || (doc.remaining ?? 0) > 0,
    }));
    const claimed = candidates.some((c) => c.kind === 'COUPON_OFFER')
      ? await this.coupons.claimedOffers(ctx, memberId)
      : new Set<string>();
    const skus = skusToCheck(candidates, audience, now);
    const inStock = skus.length ? await this.inStock(ctx.tenant, skus, audience.storeIds) : null;
    const seen = new Set(profile?.seen ?? []);
    return rankFeed(candidates, audience, now, { claimed, inStock, first, seen }).map((c) => c.doc);
  }

  private audience(ctx: RequestContext) {
    return loader<string, (Audience & { seen?: string[] }) | null>(ctx, 'content:audience', async (ids) => {
      const docs = await this.audiences.audiences(ctx.tenant, ids);
      const byId = new Map(docs.map((d) => [d.memberId, d]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** The member's app showed it these items (the feed ranks them after the ones it has not seen). */
  async markSeen(ctx: RequestContext, memberId: string, itemIds: string[]): Promise<boolean> {
    const ids = [...new Set(itemIds.map((i) => i.trim()).filter(Boolean))];
    if (!ids.length || ids.length > 50 || ids.some((i) => i.length > 128))
      throw badInput('itemIds: 1..50 item ids', { field: 'itemIds' });
    await this.audiences.markSeen(ctx.tenant, memberId, ids);
    return true;
  }

  /**
   * Which of `skus` are in stock at one of the member's first stores (anywhere when it has none),
   * through the gateway; unknown (null) when it cannot be asked, so those items stay out.
   */
  private async inStock(tenant: string, skus: string[], storeIds: string[]): Promise<Set<string> | null> {
    if (!this.call) return null;
    const stores = storeIds.length ? storeIds.slice(0, STORES_CHECKED) : [null];
    try {
      return await skusInStock(this.call, tenant, skus, stores);
    } catch (error) {
      this.logger.warn({ err: error }, 'stock unknown: items promoting products left out of the feed');
      return null;
    }
  }
}
