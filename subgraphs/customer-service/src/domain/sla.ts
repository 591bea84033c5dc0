import type { EscalationLevel, TicketDoc, TicketStatus } from './records.js';

type SlaView = Pick<TicketDoc, 'openedAt' | 'slaMs' | 'pausedMs' | 'waitingSince' | 'status' | 'resolvedAt'>;

/** A ticket is open until it is resolved (waiting on the customer is still open). */
export function isOpen(t: { status: TicketStatus }): boolean {
  return t.status !== 'RESOLVED';
}

/**
 * When the ticket must be resolved (R-CS-5): `slaMs` after it opened, plus every period it waited on
 * the customer (the clock pauses); while it waits, the deadline moves with the clock.
 */
export function deadline(t: SlaView, now: Date): Date {
  const waiting = t.waitingSince ? Math.max(0, now.getTime() - new Date(t.waitingSince).getTime()) : 0;
  return new Date(new Date(t.openedAt).getTime() + t.slaMs + t.pausedMs + waiting);
}

/** When the SLA watch looks at a running ticket next: just after its deadline. */
export function nextCheck(t: SlaView, now: Date): Date {
  return new Date(deadline(t, now).getTime() + 1);
}

/** Missed: resolved after its deadline, or still open past it (not while it waits on the customer). */
export function isBreached(t: SlaView, now: Date): boolean {
  if (t.resolvedAt) return new Date(t.resolvedAt) > deadline(t, new Date(t.resolvedAt));
  return !t.waitingSince && now > deadline(t, now);
}

/** The clock stops while the ticket waits on the customer … */
export function pause(t: SlaView, now: Date): Pick<TicketDoc, 'waitingSince' | 'pausedMs'> {
  return { waitingSince: t.waitingSince ?? now, pausedMs: t.pausedMs };
}

/** … and runs again, the wait added, when the customer answers (or staff take it up again). */
export function resume(t: SlaView, now: Date): Pick<TicketDoc, 'waitingSince' | 'pausedMs'> {
  if (!t.waitingSince) return { waitingSince: null, pausedMs: t.pausedMs };
  return {
    waitingSince: null,
    pausedMs: t.pausedMs + Math.max(0, now.getTime() - new Date(t.waitingSince).getTime()),
  };
}

/**
 * The escalation due now, if any: a breached open ticket goes to the store manager at once, and to
 * HQ `toHqAfterMs` later (each level once). `next` is when to look again (null: nothing more).
 */
export function escalationDue(
  t: SlaView & Pick<TicketDoc, 'escalations'>,
  now: Date,
  toHqAfterMs: number,
): { level: EscalationLevel | null; next: Date | null } {
  if (!isOpen(t)) return { level: null, next: null };
  const due = deadline(t, now);
  if (t.waitingSince) return { level: null, next: null }; // looked at again when the customer answers
  const done = new Set(t.escalations.map((e) => e.level));
  const hqAt = new Date(due.getTime() + toHqAfterMs);
  if (now <= due) return { level: null, next: nextCheck(t, now) };
  if (!done.has('STORE_MANAGER')) return { level: 'STORE_MANAGER', next: hqAt };
  if (!done.has('HQ')) return now > hqAt ? { level: 'HQ', next: null } : { level: null, next: hqAt };
  return { level: null, next: null };
}
