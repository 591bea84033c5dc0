import type { OrderStatus } from './records.js';

/** The statuses an order arrives with (refunds make the others). */
export type IngestStatus = 'PLACED' | 'COMPLETED' | 'CANCELLED';

/** A completed order, refunded or not: what `order.completed` (or `order.imported`) announces. */
export const COMPLETED_STATUSES: readonly OrderStatus[] = ['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED'];

export const isCompleted = (status: OrderStatus): boolean => COMPLETED_STATUSES.includes(status);

/** Which redeliveries may change an order: a placed order may complete or be cancelled, nothing else. */
export function nextStatus(current: string, incoming: IngestStatus): IngestStatus | null {
  if (current === 'PLACED' && (incoming === 'COMPLETED' || incoming === 'CANCELLED')) return incoming;
  return null;
}

/** Status after refunds. */
export function refundStatus(
  total: number,
  refundedTotal: number,
): 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' {
  if (refundedTotal <= 0) return 'COMPLETED';
  return refundedTotal >= total ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

/**
 * An order's status with its refunds counted: a placed or cancelled order, or one without refunds,
 * keeps the status it has.
 */
export function statusWithRefunds(o: {
  status: OrderStatus;
  total: number;
  refundedTotal: number;
}): OrderStatus {
  if (o.status === 'PLACED' || o.status === 'CANCELLED' || o.refundedTotal <= 0) return o.status;
  return refundStatus(o.total, o.refundedTotal);
}

/**
 * Whether an order's completion is still to be announced: it is completed, its buyer is known
 * (`order.completed` names the member) and it was not announced yet.
 */
export function awaitsAnnouncement(o: {
  status: OrderStatus;
  buyerPending?: boolean;
  completedAnnounced?: boolean;
}): boolean {
  return !o.buyerPending && isCompleted(o.status) && !o.completedAnnounced;
}
