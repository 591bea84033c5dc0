import { badInput, conflict, notFound } from '@zhongtai/contracts';
import type { Clock, RequestContext, TenantCalendar } from '@zhongtai/subgraph-kit';
import type { EarningRules } from '../domain/earning.js';
import { type GrantLimits, type OrderActor, holdFor, staffEntered } from '../domain/limits.js';
import type { HeldOrderDoc, HeldOutcome, HeldStatus } from '../domain/records.js';
import type { HeldOrders } from '../store/held-orders.js';
import { type GrantLimitsService, Reservation } from './grant-limits.js';

/** An order as `order.completed` delivers it to the ledger. */
export interface CompletedOrder {
  orderId: string;
  memberId?: string;
  channel: string;
  storeId?: string;
  placedAt: Date;
  /** in fen */
  total: number;
  lines: Array<{ sku: string; category?: string | null; quantity: number; unitPrice: number }>;
  /** who typed it in, when a person did (absent for orders from systems) */
  enteredBy?: OrderActor | null;
}

/**
 * Orders held for approval (R-PT-8): unusually large ones, late ones (per `holdLateOrders`), and
 * staff-entered ones over their staff token's daily cap grant nothing until HQ decides. A held
 * record keeps the order and the points it would have earned; the decision is one conditional
 * status change, so an order is approved or rejected, never both.
 */
export class HoldsService {
  constructor(
    private readonly held: HeldOrders,
    private readonly limits: GrantLimitsService,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
  ) {}

  get(tenant: string, orderId: string): Promise<HeldOrderDoc | null> {
    return this.held.get(tenant, orderId);
  }

  /**
   * Whether an arriving order waits for approval. Held (now or at an earlier delivery): its record
   * is kept once and null is returned. Not held: what was reserved on the staff token's counter
   * (nothing for orders from systems), for the grant to keep or release. The order's points are
   * computed (`preview`) only when they are needed: for a hold, or for a staff-entered order.
   */
  async screen(
    tenant: string,
    order: CompletedOrder & { memberId: string },
    rules: EarningRules,
    limits: GrantLimits,
    lazy: { granted: () => Promise<boolean>; preview: () => Promise<HeldOutcome> },
  ): Promise<Reservation | null> {
    if (await this.held.isHeld(tenant, order.orderId)) return null;
    let hold = holdFor(order, limits, rules.returnWindowDays, this.clock.now(), this.calendar.of(tenant));
    // the common case, an ordinary order from a system, costs nothing more
    if (!hold && !staffEntered(order.enteredBy)) return Reservation.none();
    // granted at an earlier delivery (before the limits changed): the grant replays, nothing counts
    if (await lazy.granted()) return Reservation.none();
    const outcome = await lazy.preview();
    if (!hold && staffEntered(order.enteredBy)) {
      const r = await this.limits.reserveStaffOrder(tenant, order.enteredBy, outcome.points, limits);
      if (r.ok) return r.reservation;
      hold = { reason: 'STAFF_DAILY_CAP', detail: r.detail };
    }
    if (!hold) return Reservation.none();
    await this.held.hold({
      tenant,
      orderId: order.orderId,
      memberId: order.memberId,
      status: 'HELD',
      reason: hold.reason,
      detail: hold.detail,
      order: {
        channel: order.channel,
        storeId: order.storeId ?? null,
        placedAt: order.placedAt,
        total: order.total,
        lines: order.lines,
        enteredBy: order.enteredBy ?? null,
      },
      outcome,
      heldAt: this.clock.now(),
      decidedAt: null,
      decidedBy: null,
      rejectReason: null,
      entryId: null,
    });
    return null;
  }

  async list(ctx: RequestContext, status: HeldStatus, first: number): Promise<HeldOrderDoc[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badInput('first must be between 1 and 100', { field: 'first' });
    return this.held.list(ctx.tenant, status, first);
  }

  /**
   * HQ approves: HELD → APPROVED (an order approved already stays so, and its grant is retried by
   * its idempotency key). A rejected order cannot be approved.
   */
  async claimApproval(ctx: RequestContext, orderId: string): Promise<HeldOrderDoc> {
    const doc = await this.held.decide(ctx.tenant, orderId, 'APPROVED', {
      at: this.clock.now(),
      by: { role: ctx.claims.role, sub: ctx.claims.sub ?? null },
    });
    if (!doc) throw notFound(`order ${orderId} is not held for approval`);
    if (doc.status === 'REJECTED')
      throw conflict(`order ${orderId} was rejected; it cannot be approved`, { status: doc.status });
    return doc;
  }

  async recordEntry(tenant: string, orderId: string, entryId: string): Promise<void> {
    await this.held.recordEntry(tenant, orderId, entryId);
  }

  /** HQ rejects: the order never grants anything (and its refunds reverse nothing). */
  async reject(ctx: RequestContext, orderId: string, reason: string): Promise<HeldOrderDoc> {
    if (!reason?.trim() || reason.length > 200)
      throw badInput('a rejection needs a reason (1..200 characters)', { field: 'reason' });
    const doc = await this.held.decide(ctx.tenant, orderId, 'REJECTED', {
      at: this.clock.now(),
      by: { role: ctx.claims.role, sub: ctx.claims.sub ?? null },
      rejectReason: reason.trim(),
    });
    if (!doc) throw notFound(`order ${orderId} is not held for approval`);
    if (doc.status === 'APPROVED')
      throw conflict(`order ${orderId} was approved already; correct its points with adjustPoints`, {
        status: doc.status,
      });
    return doc;
  }
}
