import type { OrderDoc } from './records.js';
import { firstOrRepeat, markedRepeat } from './repeat-purchase.js';
import { type BucketOrder, orderEntry } from './store-days.js';

type Recorded = { firstOrderId?: string; firstOrderAt?: Date };

export interface BatchPlan {
  /** each new order's contribution to its buckets */
  entries: Map<string, BucketOrder>;
  /** members whose recorded first order changes: from `expected` (compare-and-set) to `id` */
  firsts: Array<{ memberId: string; expected?: string; id: string; at: Date }>;
  /** first orders outside the batch that an earlier order of the batch makes repeat purchases */
  remarks: Array<{ memberId: string; orderId: string }>;
}

const byTime = (a: OrderDoc, b: OrderDoc) =>
  new Date(a.placedAt).getTime() - new Date(b.placedAt).getTime() || (a._id < b._id ? -1 : 1);

/**
 * First order or repeat purchase for a batch of new orders at once (R-OR-4), as the one-order path
 * would leave them after all of them: a member's orders in time order, each judged against the first
 * order known so far (`firstOrRepeat`); one that takes the first place makes the previous first a
 * repeat — in the batch, its entry is marked; outside it, it is listed in `remarks`.
 */
export function planImportBatch(orders: OrderDoc[], recorded: Map<string, Recorded>): BatchPlan {
  const entries = new Map<string, BucketOrder>();
  const firsts: BatchPlan['firsts'] = [];
  const remarks: BatchPlan['remarks'] = [];
  const byMember = new Map<string, OrderDoc[]>();
  for (const o of orders) {
    if (!o.memberId) entries.set(o._id, orderEntry(o, false));
    else byMember.set(o.memberId, [...(byMember.get(o.memberId) ?? []), o]);
  }
  for (const [memberId, mine] of byMember) {
    const known = recorded.get(memberId) ?? {};
    let first: { id?: string; at?: Date } = { id: known.firstOrderId, at: known.firstOrderAt };
    for (const o of [...mine].sort(byTime)) {
      const { repeat, takesFirst } = firstOrRepeat(o, first);
      entries.set(o._id, orderEntry(o, repeat));
      if (!takesFirst) continue;
      if (first.id && entries.has(first.id))
        entries.set(first.id, markedRepeat(entries.get(first.id)) ?? entries.get(first.id)!);
      else if (first.id) remarks.push({ memberId, orderId: first.id });
      first = { id: o._id, at: new Date(o.placedAt) };
    }
    if (first.id !== known.firstOrderId)
      firsts.push({ memberId, expected: known.firstOrderId, id: first.id!, at: first.at! });
  }
  return { entries, firsts, remarks };
}
