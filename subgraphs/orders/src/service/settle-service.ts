import type { EventEnvelope } from '@zhongtai/contracts';
import type { Clock, KeyedLock, Logger, Outbox, TenantCalendar } from '@zhongtai/subgraph-kit';
import { skuPairs } from '../domain/order-input.js';
import { awaitsAnnouncement, statusWithRefunds } from '../domain/order-status.js';
import type { OrderDoc } from '../domain/records.js';
import { firstOrRepeat, markedRepeat } from '../domain/repeat-purchase.js';
import { bucketsOf, orderEntry } from '../domain/store-days.js';
import type { OrderRepository } from '../store/order-repository.js';
import { completionEvent, refundEvent } from './order-events.js';

/**
 * Settling an order (R-OR-3, R-OR-4): after an order is written or changed, its side effects are
 * brought up to date — refunds that arrived before it applied, its status after refunds, its
 * projections (the member's summary, the store-day buckets with first order / repeat purchase, the
 * "bought together" pairs) and its completion announced once. Every step is idempotent, so a
 * redelivery, a refund and the resume job may all settle the same order again.
 */
/** how long an order is left to its writer before the resume job finishes it */
export const RESUME_AFTER_MS = 30_000;

export class SettleService {
  constructor(
    private readonly repo: OrderRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** store-day buckets are the tenant's business days */
    private readonly calendar: TenantCalendar,
    /** one order (and one member's projections) at a time, shared with intake and refunds */
    private readonly lock: KeyedLock,
  ) {}

  /**
   * Brings an order's side effects up to date: pending refunds, projections, the completion event.
   * Called under the order's lock.
   */
  async settle(order: OrderDoc): Promise<OrderDoc> {
    let o = order;
    for (const r of await this.repo.pendingRefunds(o._id)) {
      const applied = await this.repo.applyRefund(o.tenant, o._id, r.refundId, r.amount);
      if (applied) o = applied;
      else
        this.logger.warn(
          { orderId: o._id, refundId: r.refundId },
          'a refund recorded before its order exceeds what is left to refund: not applied',
        );
      await this.repo.settleRefund(r._id);
    }
    o = await this.withRefundStatus(o);
    if (o.buyerPending) return o;
    // the completion (and a refund that came first) written on the order with its projection's
    // end: one update, the outbox takes the events from there
    const events = awaitsAnnouncement(o)
      ? [
          completionEvent(o, this.clock),
          ...(o.refundedTotal > 0
            ? [
                refundEvent(
                  o,
                  o.refundIds[o.refundIds.length - 1],
                  o.refundedTotal,
                  o.refundedTotal,
                  this.clock,
                ),
              ]
            : []),
        ]
      : [];
    await this.project(o, events);
    return events.length ? { ...o, completedAnnounced: true } : o;
  }

  /** Stores the order's status after its refunds when it changed. */
  async withRefundStatus(o: OrderDoc): Promise<OrderDoc> {
    const status = statusWithRefunds(o);
    if (status === o.status) return o;
    await this.repo.setStatus(o.tenant, o._id, o.status, status);
    return { ...o, status };
  }

  /**
   * Projects an order as it is now into the member summary and the store-day buckets, then marks it
   * projected — with `announce`'s events written on it in the same update, and the "bought together"
   * pairs claimed by it (counted once, in one write, by the caller that claimed them).
   */
  async project(o: OrderDoc, announce: EventEnvelope[] = []): Promise<void> {
    const day = this.calendar.businessDay(new Date(o.placedAt), o.tenant);
    if (!o.memberId)
      await this.repo.applyToBuckets(o.tenant, bucketsOf(o), day, o._id, () => orderEntry(o, false));
    else
      // one member's orders are projected one at a time: the first-order bookkeeping and the bucket
      // contributions of that member move together
      await this.lock.run(`member:${o.tenant}:${o.memberId}`, async () => {
        const summary = await this.repo.recordMemberOrder(o);
        const { repeat, takesFirst } = firstOrRepeat(o, {
          id: summary.firstOrderId,
          at: summary.firstOrderAt,
        });
        if (
          takesFirst &&
          (await this.repo.setFirstOrder(
            o.tenant,
            o.memberId!,
            summary.firstOrderId,
            o._id,
            new Date(o.placedAt),
          ))
        ) {
          // the previous first order is now a repeat purchase
          const prev = summary.firstOrderId ? await this.repo.byId(o.tenant, summary.firstOrderId) : null;
          if (prev)
            await this.repo.applyToBuckets(
              o.tenant,
              bucketsOf(prev),
              this.calendar.businessDay(new Date(prev.placedAt), prev.tenant),
              prev._id,
              markedRepeat,
            );
        }
        await this.repo.applyToBuckets(o.tenant, bucketsOf(o), day, o._id, () => orderEntry(o, repeat));
      });
    const bundle = o.status !== 'CANCELLED';
    const claimed = await this.repo.markProjected(o._id, { bundle, announce, at: this.clock.now() });
    if (claimed) await this.repo.countPairs(o.tenant, skuPairs(o.lines));
    if (announce.length) await this.repo.emitOrderEvents(this.outbox, o._id, announce);
  }

  /** Settles the orders a crash left unprojected or unannounced; how many were settled. */
  async resume(): Promise<number> {
    let n = 0;
    // only orders left alone for a while: a younger one may still be in its writer's hands (an import
    // batch between its insert and its marks, in this replica or another), and settling it beside the
    // writer would count it twice
    const before = new Date(this.clock.now().getTime() - RESUME_AFTER_MS);
    for (const o of await this.repo.pending('projected', 200, before)) if (await this.settleLatest(o)) n++;
    // projected, then the process died before announcing the completion
    for (const o of await this.repo.unannounced(200, before)) if (await this.settleLatest(o)) n++;
    return n;
  }

  /**
   * Settles an order as it is now, read again under its lock: what a job found a moment ago may be
   * stale (a refund applied meanwhile would be projected and announced without it).
   */
  async settleLatest(found: OrderDoc): Promise<boolean> {
    return this.lock.run(found._id, async () => {
      const o = await this.repo.byId(found.tenant, found._id);
      if (!o || o.buyerPending) return false;
      await this.settle(o);
      return true;
    });
  }
}
