import { type Channel, badInput } from '@zhongtai/contracts';
import { type Clock, type RequestContext, byKeys, loader } from '@zhongtai/subgraph-kit';
import type { ContentItemDoc, ContentKind } from '../domain/records.js';
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

  /** The member's feed for a channel: newest content published to it (targeting arrives with campaigns). */
  async feed(ctx: RequestContext, channel: Channel, first: number): Promise<ContentItemDoc[]> {
    if (!Number.isInteger(first) || first < 0 || first > 50)
      throw badInput('first must be between 0 and 50', { field: 'first' });
    return this.repo.latestForChannel(ctx.tenant, channel, first);
  }

  /** Publishes an item or replaces it (same id); returns what was written. */
  async upsertItem(
    tenant: string,
    input: { id: string; kind: ContentKind; title: string; body: string; channels: Channel[] },
  ): Promise<PublishedItem> {
    if (!input.id || input.id.length > 64) throw badInput('id must be 1..64 characters', { field: 'id' });
    if (!input.title.trim()) throw badInput('title must not be empty', { field: 'title' });
    if (input.channels.length === 0)
      throw badInput('content needs at least one channel', { field: 'channels' });
    const item: PublishedItem = {
      tenant,
      itemId: input.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      channels: input.channels,
      publishedAt: this.clock.now(),
    };
    await this.repo.upsertItem(item);
    return item;
  }
}
