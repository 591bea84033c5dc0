import { OrderCompleted, OrderImported, OrderRefunded } from '@zhongtai/contracts';
import { type Clock, makeEvent } from '@zhongtai/subgraph-kit';
import type { OrderDoc } from '../domain/records.js';

/**
 * The events of an order. Their ids are derived from the facts (`order.completed:<order id>`,
 * `order.refunded:<order id>:<refund id>`), so every attempt to announce one makes one event.
 */

/** The completion of an order: `order.completed`, or `order.imported` for history (no points). */
export function completionEvent(o: OrderDoc, clock: Clock) {
  return makeEvent(o.historical ? OrderImported : OrderCompleted, {
    id: `${o.historical ? 'order.imported' : 'order.completed'}:${o._id}`,
    tenant: o.tenant,
    key: o.memberId ?? o._id,
    producer: 'orders',
    clock,
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
  });
}

/** A refund of an order, with the cumulative refunded total (consumers are order-independent). */
export function refundEvent(
  o: OrderDoc,
  refundId: string,
  amount: number,
  refundedTotal: number,
  clock: Clock,
) {
  return makeEvent(OrderRefunded, {
    id: `order.refunded:${o._id}:${refundId}`,
    tenant: o.tenant,
    key: o.memberId ?? o._id,
    producer: 'orders',
    clock,
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
