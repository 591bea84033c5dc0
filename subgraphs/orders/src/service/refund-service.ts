import { badInput, notFound } from '@zhongtai/contracts';
import type { Clock, KeyedLock, Outbox } from '@zhongtai/subgraph-kit';
import { normalizeSource, orderIdFor } from '../domain/order-input.js';
import type { OrderDoc } from '../domain/records.js';
import { checkRefundable, checkSameRefund, cleanRefund, refundRecordId } from '../domain/refunds.js';
import type { OrderRepository } from '../store/order-repository.js';
import { refundEvent } from './order-events.js';
import type { SettleService } from './settle-service.js';

interface RefundInput {
  refundId: string;
  amount: number;
  reason?: string | null;
}

/**
 * refundOrder / ingestRefund (R-OR-2): partial or full, idempotent by refund id, never beyond the
 * order total (a conditional update, not read-modify-write). A refund from a source system may arrive
 * before its order: it is kept and applied when the order is settled.
 */
export class RefundService {
  constructor(
    private readonly repo: OrderRepository,
    private readonly settle: SettleService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    /** one order at a time, shared with intake and settling */
    private readonly lock: KeyedLock,
  ) {}

  async refundOrder(tenant: string, input: RefundInput & { orderId: string }): Promise<OrderDoc> {
    const order = await this.repo.byId(tenant, input.orderId);
    if (!order) throw notFound(`no order ${input.orderId}`);
    return (await this.refund(tenant, order._id, input, false))!;
  }

  /** A refund from a source system, by the order's external id; it may arrive before the order. */
  async ingestRefund(
    tenant: string,
    input: RefundInput & { source: string; orderExternalId: string },
  ): Promise<OrderDoc | null> {
    const orderId = orderIdFor(tenant, normalizeSource(input.source), input.orderExternalId?.trim() ?? '');
    return this.refund(tenant, orderId, input, true);
  }

  private async refund(
    tenant: string,
    orderId: string,
    raw: RefundInput,
    mayPrecede: boolean,
  ): Promise<OrderDoc | null> {
    const input = cleanRefund(raw);
    return this.lock.run(orderId, async () => {
      const id = refundRecordId(orderId, input.refundId);
      const known = await this.repo.refund(id);
      checkSameRefund(known, input.refundId, input.amount);
      const record = (pending: boolean) =>
        this.repo.insertRefund({
          _id: id,
          tenant,
          orderId,
          refundId: input.refundId,
          amount: input.amount,
          reason: input.reason ?? undefined,
          at: this.clock.now(),
          pending,
        });
      const order = await this.repo.byId(tenant, orderId);
      if (!order) {
        if (!mayPrecede) throw notFound(`no order ${orderId}`);
        if (!known) await record(true);
        return null;
      }
      checkRefundable(order.status);
      if (!known) await record(false);
      // the refund, its re-projection and (for an announced order) its event are one write
      const after = await this.repo.applyRefund(
        tenant,
        orderId,
        input.refundId,
        input.amount,
        (before) =>
          before.completedAnnounced
            ? [
                refundEvent(
                  before,
                  input.refundId,
                  input.amount,
                  before.refundedTotal + input.amount,
                  this.clock,
                ),
              ]
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
      const o = await this.settle.withRefundStatus(after);
      await this.settle.project(o);
      const left = Object.values(after.outboxEvents ?? {});
      if (left.length) await this.repo.emitOrderEvents(this.outbox, orderId, left);
      return o;
    });
  }
}
