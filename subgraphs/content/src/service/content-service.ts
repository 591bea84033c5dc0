import { type Channel, badInput, conflict } from '@zhongtai/contracts';
import { type Clock, type RequestContext, byKeys, loader } from '@zhongtai/subgraph-kit';
import { checkTerms, stockChange } from '../domain/coupons.js';
import { type Loose, type Targeting, checkTargeting, reachOf } from '../domain/targeting.js';
import type { ContentItemDoc, ContentKind, OfferTerms } from '../domain/records.js';

/** how long a claimed coupon is valid when the offer does not say */
const DEFAULT_VALID_DAYS = 30;
/** `showUntil` of an item shown without an end */
const FOREVER = new Date('9999-12-31T00:00:00.000Z');
import type { ContentRepository } from '../store/content-repository.js';

/** What `upsertContentItem` writes: the item without its storage key. */
export type PublishedItem = Omit<ContentItemDoc, '_id'>;

/**
 * Content items (R-CT-1): published by HQ/SYSTEM, read by id (references, coupon offers) and as a
 * member's feed. Who may call what: policy.ts.
 */
export class ContentService {
  constructor(
    private readonly repo: ContentRepository,
    private readonly clock: Clock,
  ) {}

  /** Items by id, every id a request names in one query (null: no such item in the tenant). */
  items(ctx: RequestContext) {
    return loader<string, ContentItemDoc | null>(ctx, 'content:item', async (ids) =>
      byKeys(ids, await this.repo.items(ctx.tenant, ids), (d) => d.itemId),
    );
  }

  /**
   * Publishes an item or replaces it (same id); returns what was written. A coupon offer carries its
   * terms (`offer`, defaults: no stock limit, no claim window, valid 30 days); changing its stock
   * moves what is left by the difference, whatever was claimed meanwhile.
   */
  async upsertItem(
    tenant: string,
    input: {
      id: string;
      kind: ContentKind;
      title: string;
      body: string;
      channels: Channel[];
      offer?: Loose<OfferTerms> | null;
      targeting?: Loose<Targeting> | null;
    },
  ): Promise<PublishedItem> {
    if (!input.id || input.id.length > 64) throw badInput('id must be 1..64 characters', { field: 'id' });
    if (!input.title.trim()) throw badInput('title must not be empty', { field: 'title' });
    if (input.channels.length === 0)
      throw badInput('content needs at least one channel', { field: 'channels' });
    const targeting = checkTargeting(input.targeting ?? {});
    const item: PublishedItem = {
      tenant,
      itemId: input.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      channels: input.channels,
      publishedAt: this.clock.now(),
      offer: null,
      targeting,
      reach: reachOf(input.channels, targeting),
      showUntil: targeting.until ?? FOREVER,
    };
    if (input.kind !== 'COUPON_OFFER') {
      if (input.offer) throw badInput('only a COUPON_OFFER has offer terms', { field: 'offer' });
      await this.repo.upsertItem(item);
      return item;
    }
    item.offer = checkTerms({
      stock: input.offer?.stock ?? null,
      claimFrom: input.offer?.claimFrom ?? null,
      claimUntil: input.offer?.claimUntil ?? null,
      validDays: input.offer?.validDays ?? DEFAULT_VALID_DAYS,
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await this.repo.item(tenant, input.id);
      const counted = before?.offer ? { stock: before.offer.stock, issued: before.issued ?? 0 } : null;
      if (await this.repo.saveOffer(item, before, stockChange(counted, item.offer.stock)))
        return (await this.repo.item(tenant, input.id)) ?? item; // with what is left of its stock
    }
    throw conflict('The offer kept changing while it was saved; try again');
  }
}
