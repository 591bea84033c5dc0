import {
  type Actor,
  OrderCompleted,
  OrderImported,
  OrderRefunded,
  badInput,
  conflict,
  notFound,
} from '@zhongtai/contracts';
import {
  type Clock,
  KeyedLock,
  type Logger,
  type Outbox,
  type ServiceCall,
  type TenantCalendar,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import {
  type OrderInput,
  cleanOrder,
  normalizeSource,
  nextStatus,
  orderIdFor,
  refundStatus,
  skuPairs,
} from '../domain/order-input.js';
import type { OrderRepository } from '../store/order-repository.js';
import { ALL_STORES, type OrderDoc } from '../store/models.js';

/** The buckets an order counts in: its store's and the all-stores one. */
const bucketsOf = (o: OrderDoc) => (o.storeId ? [o.storeId, ALL_STORES] : [ALL_STORES]);

const IDENTIFY = `mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }`;

/**
 * ingestOrder / refundOrder (R-OR-1, R-OR-2): orders from every channel, deduplicated by
 * (source, external id), attached to the buyer the member center identifies, projected into the
 * member summaries, store buckets and "bought together" counts, and announced once.
 * Refunds are idempotent by refund id and may arrive before their order.
 */
export class IngestService {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly repo: OrderRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** store-day buckets are the tenant's business days */
    private readonly calendar: TenantCalendar,
    private readonly call?: ServiceCall,
  ) {}

  /**
   * `enteredBy`: the person who typed the order in (a clerk at the store terminal), absent for
   * orders from systems: the member center treats a phone a person typed as a proposal, not as a
   * proof (no automatic merge), and the points ledger holds such orders to tighter limits.
   */
  async ingest(
    tenant: string,
    input: OrderInput,
    enteredBy?: Actor,
  ): Promise<{ order: OrderDoc; created: boolean }> {
    const clean = cleanOrder(input, this.clock.now());
    const id = orderIdFor(tenant, clean.source, clean.externalId);
    return this.lock.run(id, async () => {
      const existing = await this.repo.byId(tenant, id);
      if (existing) return { order: await this.redelivered(existing, clean.status), created: false };
      const buyer = clean.buyer
        ? { ...clean.buyer, storeId: clean.buyer.storeId ?? clean.storeId ?? null }
        : null;
      const memberId = buyer ? await this.identify(tenant, buyer, enteredBy) : undefined;
      const doc: OrderDoc = {
        _id: id,
        tenant,
        source: clean.source,
        externalId: clean.externalId,
        channel: clean.channel,
        storeId: clean.storeId,
        memberId,
        buyer,
        buyerPending: !!buyer && !memberId,
        status: clean.status,
        lines: clean.lines,
        currency: clean.currency,
        total: clean.total,
        refundedTotal: 0,
        refundIds: [],
        placedAt: clean.placedAt,
        historical: clean.historical ? true : undefined,
        enteredBy,
        projected: false,
        // found by the resume job until its completion is announced (a crash may stop it before)
        completedAnnounced: false,
        createdAt: this.clock.now(),
      };
      if (!(await this.repo.insert(doc)))
        return { order: (await this.repo.byId(tenant, id))!, created: false };
      const after = await this.settle(doc);
      return { order: after, created: true };
    });
  }

  /** A redelivery changes a placed order's status only; anything else about it is already known. */
  private async redelivered(
    existing: OrderDoc,
    incoming: 'PLACED' | 'COMPLETED' | 'CANCELLED',
  ): Promise<OrderDoc> {
    const next = nextStatus(existing.status, incoming);
    if (!next) return this.settle(existing);
    await this.repo.setStatus(existing.tenant, existing._id, existing.status, next);
    return this.settle({ ...existing, status: next });
  }

  /**
   * Brings an order's side effects up to date: pending refunds, projections, the completion event.
   * Each step is idempotent, so the resume job and every redelivery may call it again.
   */
  private async settle(order: OrderDoc): Promise<OrderDoc> {
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
    if (!o.buyerPending) await this.project(o);
    if (
      !o.buyerPending &&
      (o.status === 'COMPLETED' || o.status === 'PARTIALLY_REFUNDED' || o.status === 'REFUNDED') &&
      !o.completedAnnounced
    ) {
      await this.outbox.emit(
        makeEvent(o.historical ? OrderImported : OrderCompleted, {
          id: `${o.historical ? 'order.imported' : 'order.completed'}:${o._id}`,
          tenant: o.tenant,
          key: o.memberId ?? o._id,
          producer: 'orders',
          clock: this.clock,
          payload: {
            orderId: o._id,
            source: o.source,
            externalId: o.externalId,
            memberId: o.memberId,
            channel: o.channel,
            storeId: o.storeId,
            total: { amount: o.total, currency: o.currency },
            lines: o.lines,
            placedAt: new Date(o.placedAt).toISOString(),
            ...(o.enteredBy ? { enteredBy: o.enteredBy } : {}),
          },
        }),
      );
      if (o.refundedTotal > 0)
        await this.announceRefund(o, o.refundIds[o.refundIds.length - 1], o.refundedTotal);
      await this.repo.markAnnounced(o._id);
      o = { ...o, completedAnnounced: true };
    }
    return o;
  }

  private async withRefundStatus(o: OrderDoc): Promise<OrderDoc> {
    if (o.status === 'PLACED' || o.status === 'CANCELLED' || o.refundedTotal <= 0) return o;
    const status = refundStatus(o.total, o.refundedTotal);
    if (status !== o.status) await this.repo.setStatus(o.tenant, o._id, o.status, status);
    return { ...o, status };
  }

  /** Identifies the buyer through the member center; null when it cannot be reached (the order waits). */
  private async identify(
    tenant: string,
    buyer: NonNullable<OrderDoc['buyer']>,
    enteredBy?: Actor,
  ): Promise<string | undefined> {
    if (!this.call) return undefined;
    try {
      const r = await this.call<{ identifyMember: { member: { id: string } } }>(
        tenant,
        IDENTIFY,
        {
          i: {
            channel: buyer.channel,
            externalId: buyer.externalId,
            phone: buyer.phone ?? null,
            displayName: buyer.displayName ?? null,
            storeId: buyer.storeId ?? null,
          },
        },
        enteredBy ? { actor: enteredBy } : undefined,
      );
      return r.identifyMember.member.id;
    } catch (error) {
      if ((error as { code?: string }).code === 'BAD_USER_INPUT')
        throw badInput(`buyer: ${(error as Error).message}`, { field: 'buyer' });
      this.logger.warn({ err: error }, 'member center unavailable: the order waits for its buyer');
      return undefined;
    }
  }

  private async project(o: OrderDoc): Promise<void> {
    const day = this.calendar.businessDay(new Date(o.placedAt), o.tenant);
    const entry = (repeat: boolean) => ({
      memberId: o.memberId,
      total: o.total,
      refunded: o.refundedTotal ?? 0,
      repeat,
      cancelled: o.status === 'CANCELLED',
    });
    if (!o.memberId) await this.repo.applyToBuckets(o.tenant, bucketsOf(o), day, o._id, () => entry(false));
    else
      // one member's orders are projected one at a time: the first-order bookkeeping and the bucket
      // contributions of that member move together
      await this.lock.run(`member:${o.tenant}:${o.memberId}`, async () => {
        const summary = await this.repo.recordMemberOrder(o);
        const firstAt = summary.firstOrderAt ? new Date(summary.firstOrderAt) : null;
        const placed = new Date(o.placedAt);
        const earlier =
          !firstAt ||
          placed < firstAt ||
          (placed.getTime() === firstAt.getTime() && o._id < summary.firstOrderId!);
        let repeat = summary.firstOrderId !== o._id;
        if (o.status !== 'CANCELLED' && summary.firstOrderId !== o._id && earlier) {
          if (await this.repo.setFirstOrder(o.tenant, o.memberId!, summary.firstOrderId, o._id, placed)) {
            // the previous first order is now a repeat purchase
            const prev = summary.firstOrderId ? await this.repo.byId(o.tenant, summary.firstOrderId) : null;
            if (prev)
              await this.repo.applyToBuckets(
                o.tenant,
                bucketsOf(prev),
                this.calendar.businessDay(new Date(prev.placedAt), prev.tenant),
                prev._id,
                (recorded) => (recorded && !recorded.repeat ? { ...recorded, repeat: true } : null),
              );
          }
          repeat = false;
        }
        await this.repo.applyToBuckets(o.tenant, bucketsOf(o), day, o._id, () => entry(repeat));
      });
    if (o.status !== 'CANCELLED' && (await this.repo.claimBundles(o._id))) {
      for (const [a, b] of skuPairs(o.lines)) await this.repo.countPair(o.tenant, a, b);
    }
    await this.repo.markProjected(o._id);
  }

  // ------------------------------------------------------------------ refunds
  async refundOrder(
    tenant: string,
    input: { orderId: string; refundId: string; amount: number; reason?: string | null },
  ): Promise<OrderDoc> {
    const order = await this.repo.byId(tenant, input.orderId);
    if (!order) throw notFound(`no order ${input.orderId}`);
    return (await this.refund(tenant, order._id, input, false))!;
  }

  /** A refund from a source system, by the order's external id; it may arrive before the order. */
  async ingestRefund(
    tenant: string,
    input: {
      source: string;
      orderExternalId: string;
      refundId: string;
      amount: number;
      reason?: string | null;
    },
  ): Promise<OrderDoc | null> {
    const orderId = orderIdFor(tenant, normalizeSource(input.source), input.orderExternalId?.trim() ?? '');
    return this.refund(tenant, orderId, input, true);
  }

  private async refund(
    tenant: string,
    orderId: string,
    input: { refundId: string; amount: number; reason?: string | null },
    mayPrecede: boolean,
  ): Promise<OrderDoc | null> {
    // identifiers are compared trimmed: " R-1 " and "R-1" are one refund
    input = { ...input, refundId: input.refundId?.trim() ?? '' };
    if (!input.refundId || input.refundId.length > 128)
      throw badInput('refundId must be 1..128 characters', { field: 'refundId' });
    if (!Number.isInteger(input.amount) || input.amount <= 0)
      throw badInput('amount is a positive integer in fen', { field: 'amount' });
    return this.lock.run(orderId, async () => {
      const id = `${orderId}|${input.refundId}`;
      const known = await this.repo.refund(id);
      if (known && known.amount !== input.amount)
        throw conflict(`refund ${input.refundId} was recorded with another amount (${known.amount})`);
      const order = await this.repo.byId(tenant, orderId);
      if (!order) {
        if (!mayPrecede) throw notFound(`no order ${orderId}`);
        if (!known)
          await this.repo.insertRefund({
            _id: id,
            tenant,
            orderId,
            refundId: input.refundId,
            amount: input.amount,
            reason: input.reason ?? undefined,
            at: this.clock.now(),
            pending: true,
          });
        return null;
      }
      if (order.status === 'PLACED' || order.status === 'CANCELLED')
        throw badInput(`an order that is ${order.status} cannot be refunded`, { field: 'orderId' });
      if (!known)
        await this.repo.insertRefund({
          _id: id,
          tenant,
          orderId,
          refundId: input.refundId,
          amount: input.amount,
          reason: input.reason ?? undefined,
          at: this.clock.now(),
          pending: false,
        });
      // the refund, its re-projection and (for an announced order) its event are one write
      const after = await this.repo.applyRefund(
        tenant,
        orderId,
        input.refundId,
        input.amount,
        (before) =>
          before.completedAnnounced
            ? [this.refundEvent(before, input.refundId, input.amount, before.refundedTotal + input.amount)]
            : [],
        this.clock.now(),
      );
      if (!after) {
        if (!known) await this.repo.deleteRefund(id);
        throw badInput(
          `refunds would exceed the order total (${order.refundedTotal} of ${order.total} refunded)`,
          { field: 'amount' },
        );
      }
      const o = await this.withRefundStatus(after);
      await this.project({ ...o, refundedTotal: o.refundedTotal });
      const left = Object.values(after.outboxEvents ?? {});
      if (left.length) await this.repo.emitOrderEvents(this.outbox, orderId, left);
      return o;
    });
  }

  private async announceRefund(o: OrderDoc, refundId: string, amount: number): Promise<void> {
    await this.outbox.emit(this.refundEvent(o, refundId, amount, o.refundedTotal));
  }

  private refundEvent(o: OrderDoc, refundId: string, amount: number, refundedTotal: number) {
    return makeEvent(OrderRefunded, {
      id: `order.refunded:${o._id}:${refundId}`,
      tenant: o.tenant,
      key: o.memberId ?? o._id,
      producer: 'orders',
      clock: this.clock,
      payload: {
        orderId: o._id,
        refundId,
        memberId: o.memberId,
        storeId: o.storeId,
        amount,
        currency: o.currency,
        orderTotal: o.total,
        refundedTotal,
      },
    });
  }

  // ------------------------------------------------------------------ jobs
  /** Retries buyers the member center could not identify, and projections a crash interrupted. */
  async resume(): Promise<number> {
    let n = 0;
    for (const o of await this.repo.pending('buyerPending')) {
      const memberId = await this.identify(o.tenant, o.buyer!, o.enteredBy).catch(() => undefined);
      if (!memberId) continue;
      await this.repo.attachMember(o.tenant, o._id, memberId);
      if (await this.settleLatest(o)) n++;
    }
    for (const o of await this.repo.pending('projected')) if (await this.settleLatest(o)) n++;
    // projected, then the process died before announcing the completion
    for (const o of await this.repo.unannounced()) if (await this.settleLatest(o)) n++;
    return n;
  }

  /**
   * Settles an order as it is now, read again under its lock: what a job found a moment ago may be
   * stale (a refund applied meanwhile would be projected and announced without it).
   */
  private async settleLatest(found: OrderDoc): Promise<boolean> {
    return this.lock.run(found._id, async () => {
      const o = await this.repo.byId(found.tenant, found._id);
      if (!o || o.buyerPending) return false;
      await this.settle(o);
      return true;
    });
  }
}
