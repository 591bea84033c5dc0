import type { OrderStatus } from './records.js';
import type { BucketOrder } from './store-days.js';

/**
 * First order or repeat purchase (R-OR-4): an order is a repeat when its member has an earlier order
 * anywhere in the tenant; of two orders at the same instant the smaller order id is the earlier.
 * `first` is the member's recorded first order once this order is on its summary. An order that is
 * not cancelled and earlier than the recorded first takes its place (`takesFirst`, and it is no
 * repeat); historical orders arriving out of order are how that happens.
 */
export function firstOrRepeat(
  order: { _id: string; placedAt: Date; status: OrderStatus },
  first: { id?: string; at?: Date },
): { repeat: boolean; takesFirst: boolean } {
  const firstAt = first.at ? new Date(first.at) : null;
  const placed = new Date(order.placedAt);
  const earlier =
    !firstAt ||
    placed < firstAt ||
    (placed.getTime() === firstAt.getTime() && first.id !== undefined && order._id < first.id);
  const takesFirst = order.status !== 'CANCELLED' && first.id !== order._id && earlier;
  return { repeat: !takesFirst && first.id !== order._id, takesFirst };
}

/**
 * The contribution of the member's previous first order once another took its place: now a repeat
 * purchase (null: nothing recorded, or already a repeat; the bucket stays as it is).
 */
export function markedRepeat(recorded: BucketOrder | undefined): BucketOrder | null {
  return recorded && !recorded.repeat ? { ...recorded, repeat: true } : null;
}
