import { badInput, conflict } from '@zhongtai/contracts';
import type { OrderStatus } from './records.js';

/** The id of a refund record: one per (order, refund id). */
export const refundRecordId = (orderId: string, refundId: string) => `${orderId}|${refundId}`;

/**
 * Validates a refund as a caller gives it; throws BAD_USER_INPUT naming the field. Refund ids are
 * compared trimmed: " R-1 " and "R-1" are one refund.
 */
export function cleanRefund<T extends { refundId: string; amount: number }>(input: T): T {
  const refundId = input.refundId?.trim() ?? '';
  if (!refundId || refundId.length > 128)
    throw badInput('refundId must be 1..128 characters', { field: 'refundId' });
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw badInput('amount is a positive integer in fen', { field: 'amount' });
  return { ...input, refundId };
}

/** A refund id names one refund: the same id again with another amount is a CONFLICT. */
export function checkSameRefund(known: { amount: number } | null, refundId: string, amount: number): void {
  if (known && known.amount !== amount)
    throw conflict(`refund ${refundId} was recorded with another amount (${known.amount})`);
}

/** Only a completed order is refunded: a placed one is not paid for yet, a cancelled one never was. */
export function checkRefundable(status: OrderStatus): void {
  if (status === 'PLACED' || status === 'CANCELLED')
    throw badInput(`an order that is ${status} cannot be refunded`, { field: 'orderId' });
}
