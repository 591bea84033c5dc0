import { type Channel, badInput } from '@zhongtai/contracts';
import { type Clock, type RequestContext, byKeys, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { ContentRepository } from '../store/content-repository.js';
import type { ContentItemDoc, ContentKind, CouponDoc } from '../store/models.js';

export class ContentService {
  constructor(
    readonly repo: ContentRepository,
    private readonly clock: Clock,
  ) {}

  items(ctx: RequestContext) {
    return loader<string, ContentItemDoc | null>(ctx, 'content:item', async (ids) =>
      byKeys(ids, await this.repo.items(ctx.tenant, ids), (d) => d.itemId),
    );
  }

  async coupons(ctx: RequestContext, memberId: string): Promise<CouponDoc[]> {
    if (ctx.claims.role === 'MEMBER' && ctx.claims.memberId !== memberId) return [];
    return loader<string, CouponDoc[]>(ctx, 'content:coupons', async (ids) =>
      groupByKeys(ids, await this.repo.couponsOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
  }

  /** The member's feed for a channel: newest content published to it (targeting arrives with campaigns). */
  async feed(ctx: RequestContext, channel: Channel, first: number): Promise<ContentItemDoc[]> {
    if (!Number.isInteger(first) || first < 0 || first > 50)
      throw badInput('first must be between 0 and 50', { field: 'first' });
    return this.repo.latestForChannel(ctx.tenant, channel, first);
  }

  async upsertItem(
    tenant: string,
    input: { id: string; kind: ContentKind; title: string; body: string; channels: Channel[] },
  ): Promise<void> {
    if (!input.id || input.id.length > 64) throw badInput('id must be 1..64 characters', { field: 'id' });
    if (!input.title.trim()) throw badInput('title must not be empty', { field: 'title' });
    if (input.channels.length === 0)
      throw badInput('content needs at least one channel', { field: 'channels' });
    await this.repo.upsertItem({
      tenant,
      itemId: input.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      channels: input.channels,
      publishedAt: this.clock.now(),
    });
  }
}
