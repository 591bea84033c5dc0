import { badInput } from '@zhongtai/contracts';
import { type RequestContext, type TenantCalendar, byKeys, loader } from '@zhongtai/subgraph-kit';
import { dayNumber } from '../domain/day-tree.js';
import { type MemberOrderStats, orderStats } from '../domain/order-stats.js';
import { ALL_STORES, type MemberOrdersDoc, type OrderDoc } from '../domain/records.js';
import type { OrderRepository } from '../store/order-repository.js';
import type { MetricTree } from './metric-tree.js';

const MAX_METRIC_DAYS = 3 * 366;
/** a bound on the period's length checked before the zone is asked for its days (a business day is at most 25 hours) */
const MAX_METRIC_MS = (MAX_METRIC_DAYS + 1) * 25 * 3_600_000;

export interface MemberOrderSummary {
  stats: MemberOrderStats & { currency: string };
  /** order ids, newest first */
  ids: string[];
}

/** Reads: orders, a member's orders and stats (following merges), store metrics, bought-together. */
export class ReadService {
  constructor(
    private readonly repo: OrderRepository,
    private readonly calendar: TenantCalendar,
    private readonly tree: MetricTree,
  ) {}

  orders(ctx: RequestContext) {
    return loader<string, OrderDoc | null>(ctx, 'orders:byId', async (ids) =>
      byKeys(ids, await this.repo.byIds(ctx.tenant, ids), (d) => d._id),
    );
  }

  private summaries(ctx: RequestContext) {
    return loader<string, MemberOrdersDoc | null>(ctx, 'orders:summaries', async (ids) =>
      byKeys(ids, await this.repo.memberOrders(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  /**
   * A member's orders in brief: one read of the member summaries for every member of a request
   * (and those merged into them), whatever the number of orders.
   */
  summary(ctx: RequestContext, memberId: string): Promise<MemberOrderSummary> {
    // made once per member and request (a view asking for orders and orderStats asks twice)
    return loader<string, MemberOrderSummary>(ctx, 'orders:summary', (ids) =>
      Promise.all(ids.map((id) => this.summaryOf(ctx, id))),
    ).load(memberId);
  }

  private async summaryOf(ctx: RequestContext, memberId: string): Promise<MemberOrderSummary> {
    // the member, those merged into it, those merged into them… (a merge chain is a few levels deep)
    const docs: MemberOrdersDoc[] = [];
    const seen = new Set([memberId]);
    let frontier = [memberId];
    for (let depth = 0; frontier.length && depth < 16; depth++) {
      const level = (await this.summaries(ctx).loadMany(frontier)).filter(
        (d): d is MemberOrdersDoc => !!d && !(d instanceof Error),
      );
      docs.push(...level);
      frontier = level.flatMap((d) => Object.keys(d.absorbed ?? {})).filter((id) => !seen.has(id));
      frontier.forEach((id) => seen.add(id));
    }
    const entries = docs
      .flatMap((d) => Object.entries(d.orders ?? {}))
      .map(([id, e]) => ({ id, e, placedAt: new Date(e.placedAt) }));
    entries.sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime() || b.id.localeCompare(a.id));
    const stats = orderStats(
      entries.map(({ e, placedAt }) => ({
        status: e.status,
        total: e.total,
        refundedTotal: e.refunded,
        placedAt,
      })),
    );
    return {
      stats: { ...stats, currency: entries[0]?.e.currency ?? 'CNY' },
      ids: entries.map(({ id }) => id),
    };
  }

  /**
   * The metrics of the tenant's business days that [from, to) touches (its buckets are keyed by
   * them): the day of `from` through the day of the last instant before `to`.
   */
  async storeMetrics(ctx: RequestContext, storeId: string | null, from: Date, to: Date) {
    if (!(from < to)) throw badInput('from must be before to', { field: 'from' });
    const tooLong = () => badInput(`a period is at most ${MAX_METRIC_DAYS} days`, { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_METRIC_MS) throw tooLong();
    // the first day and the last (the tree covers what is between; no list of days)
    const first = this.calendar.businessDay(from, ctx.tenant);
    const last = this.calendar.businessDay(new Date(to.getTime() - 1), ctx.tenant);
    if (dayNumber(last) - dayNumber(first) + 1 > MAX_METRIC_DAYS) throw tooLong();
    return this.tree.metrics(ctx.tenant, storeId ?? ALL_STORES, first, last);
  }

  /** SKUs most often bought with `sku` (R-AN-4), from counts kept as orders arrive. */
  async boughtTogether(
    ctx: RequestContext,
    sku: string,
    first: number,
  ): Promise<Array<{ sku: string; count: number }>> {
    if (!Number.isInteger(first) || first < 0 || first > 20)
      throw badInput('first must be between 0 and 20', { field: 'first' });
    const pairs = await loader<string, Array<{ a: string; b: string; count: number }>>(
      ctx,
      'orders:pairs',
      async (skus) => {
        const rows = await this.repo.pairsOf(ctx.tenant, skus);
        return skus.map((s) => rows.filter((r) => r.a === s || r.b === s));
      },
    ).load(sku);
    return pairs
      .map((p) => ({ sku: p.a === sku ? p.b : p.a, count: p.count }))
      .sort((x, y) => y.count - x.count || x.sku.localeCompare(y.sku))
      .slice(0, first);
  }
}
