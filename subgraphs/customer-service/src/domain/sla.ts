import type { TicketStatus } from './records.js';

/** First follow-up is due 72 hours after a complaint is opened (R-CS-5). */
export const FIRST_RESPONSE_SLA_MS = 72 * 3600 * 1000;

/** A ticket is open until it is resolved (waiting on the customer is still open). */
export function isOpen(t: { status: TicketStatus }): boolean {
  return t.status !== 'RESOLVED';
}

/**
 * Whether a ticket missed its first-response deadline (R-CS-5): a response after `dueAt`, or none
 * yet while the ticket is open and `now` is past `dueAt`.
 */
export function isBreached(
  t: { dueAt: Date; firstResponseAt?: Date; status: TicketStatus },
  now: Date,
): boolean {
  if (t.firstResponseAt) return t.firstResponseAt > t.dueAt;
  return isOpen(t) && now > t.dueAt;
}
