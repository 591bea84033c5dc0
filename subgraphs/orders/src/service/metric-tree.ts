import { randomUUID } from 'node:crypto';
import { KeyedLock } from '@zhongtai/subgraph-kit';
import { type TreeNode, TOP_LEVEL, childrenOf, cover, dayNumber, parentOf } from '../domain/day-tree.js';
import { type StoreMetricsValue, buyersOf, foldMetrics, leafOf, mergeNodes } from '../domain/metric-nodes.js';
import { key } from '../domain/records.js';
import { type MetricTreeRepository, nodeId } from '../store/metric-tree-repository.js';

/** Days read and numbered per round (a busy day's bucket names thousands of buyers). */
const DAYS_PER_ROUND = 16;
/** Compare-and-set rounds per level before giving up (each lost round means another writer went first). */
const MAX_ROUNDS = 20;

/**
 * Store metrics (R-OR-4) from the metrics tree (domain/day-tree.ts): a period is read as the few
 * nodes that cover it, each holding its days' totals and buyers, so `storeMetrics` costs the same
 * two reads at 1,000 orders and at a million, exact to the member.
 *
 * The buckets stay the record (order writes keep them exact, see store-days.ts); every bucket write
 * marks its day behind, and `settle` brings the day's node and those above it up to the bucket: in
 * the background once a day has been left alone for a moment (so an import does not rebuild a day
 * per batch), and before a query that covers a day still behind (so an answer never misses an order
 * the buckets have). Writers on several replicas can settle the same days at once: a day's node is
 * only replaced by one read at a newer bucket version, a higher node only by a writer that read it at
 * its current version, and a day is marked caught up only if its bucket did not move meanwhile.
 */
export class MetricTree {
  private readonly lock = new KeyedLock();

  constructor(private readonly repo: MetricTreeRepository) {}

  /** The metrics of the business days first..last (`YYYY-MM-DD`, inclusive) of a store (or all stores). */
  async metrics(tenant: string, storeId: string, first: string, last: string): Promise<StoreMetricsValue> {
    const behind = await this.repo.dirtyDays(tenant, storeId, first, last);
    if (behind.length) await this.settle(tenant, storeId, behind);
    const nodes = cover(dayNumber(first), dayNumber(last)).map((n) => nodeId(tenant, storeId, n));
    return foldMetrics(await this.repo.nodes(nodes));
  }

  /** Settles the days that have been left alone for `quietMs` (at most `limit`); how many it did. */
  async settleQuiet(quietMs: number, limit = 2_000): Promise<number> {
    const rows = await this.repo.quietDirty(new Date(Date.now() - quietMs), limit);
    const groups = new Map<string, { tenant: string; storeId: string; days: string[] }>();
    for (const r of rows) {
      const k = key(r.tenant, r.storeId);
      const g = groups.get(k) ?? { tenant: r.tenant, storeId: r.storeId, days: [] };
      g.days.push(r.day);
      groups.set(k, g);
    }
    for (const g of groups.values()) await this.settle(g.tenant, g.storeId, g.days);
    return rows.length;
  }

  /** Brings these days' nodes, and every node above them, up to the days' buckets. */
  async settle(tenant: string, storeId: string, days: string[]): Promise<void> {
    await this.lock.run(key(tenant, storeId), async () => {
      // a call just before this one (queries arrive together) may have done them
      const sorted = [...days].sort();
      const still = new Set(await this.repo.dirtyDays(tenant, storeId, sorted[0], sorted[sorted.length - 1]));
      const todo = sorted.filter((d) => still.has(d));
      if (!todo.length) return;
      const read: Array<{ day: string; v?: number }> = [];
      for (let i = 0; i < todo.length; i += DAYS_PER_ROUND)
        read.push(...(await this.settleDays(tenant, storeId, todo.slice(i, i + DAYS_PER_ROUND))));
      let level: TreeNode[] = todo.map((d) => ({ level: 0, index: dayNumber(d) }));
      while (level[0].level < TOP_LEVEL) {
        level = unique(level.map(parentOf));
        await this.settleNodes(tenant, storeId, level);
      }
      await this.repo.markClean(tenant, storeId, read);
    });
  }

  /** Days' nodes from their buckets as they are now: the versions read. */
  private async settleDays(tenant: string, storeId: string, days: string[]) {
    const [sources, joined] = await Promise.all([
      this.repo.sources(tenant, storeId, days),
      this.repo.newMembersOn(tenant, storeId, days),
    ]);
    const ordinals = await this.repo.ordinals(tenant, [...new Set(sources.flatMap((s) => buyersOf(s)))]);
    await this.repo.writeDays(
      tenant,
      storeId,
      sources.map((s) => ({
        node: { level: 0, index: dayNumber(s.day) },
        totals: leafOf(s, (m) => ordinals.get(m)!, joined.get(s.day) ?? 0),
        srcV: s.v ?? 0,
      })),
    );
    return sources.map((s) => ({ day: s.day, v: s.v }));
  }

  /** Nodes of one level merged again from their children, each written over the version it was read at. */
  private async settleNodes(tenant: string, storeId: string, nodes: TreeNode[]): Promise<void> {
    const id = (n: TreeNode) => nodeId(tenant, storeId, n);
    let pending = nodes;
    let mark: string | undefined;
    for (let round = 0; pending.length; round++) {
      // a node's version read before its children: a writer after this one read the children later
      const current = await this.repo.nodes(pending.map(id));
      pending = pending.filter((_, i) => mark === undefined || current[i].w !== mark);
      if (!pending.length) return;
      if (round === MAX_ROUNDS)
        throw new Error(`metrics tree ${id(pending[0])}: kept losing the compare-and-set`);
      const version = new Map(current.map((c) => [c.id, c.v]));
      const children = await this.repo.nodes(pending.flatMap((n) => childrenOf(n).map(id)));
      mark = randomUUID();
      await this.repo.writeNodes(
        tenant,
        storeId,
        pending.map((n, i) => ({
          node: n,
          totals: mergeNodes([children[2 * i], children[2 * i + 1]]),
          v: version.get(id(n)),
          w: mark!,
        })),
      );
    }
  }
}

const unique = (nodes: TreeNode[]): TreeNode[] => [
  ...new Map(nodes.map((n) => [`${n.level}:${n.index}`, n])).values(),
];
