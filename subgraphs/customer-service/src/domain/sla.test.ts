import { describe, expect, it } from '@jest/globals';
import type { TicketDoc } from './records.js';
import { deadline, escalationDue, isBreached, isOpen, pause, resume } from './sla.js';

const H = 3600_000;
const t0 = new Date('2026-03-10T00:00:00.000Z');
const at = (hours: number) => new Date(t0.getTime() + hours * H);
const ticket = (x: Partial<TicketDoc> = {}) =>
  ({
    openedAt: t0,
    slaMs: 72 * H,
    pausedMs: 0,
    waitingSince: null,
    status: 'OPEN',
    resolvedAt: null,
    escalations: [],
    ...x,
  }) as TicketDoc;

describe('the 72-hour SLA (R-CS-5)', () => {
  it('is due 72 hours after opening and breached after that while open', () => {
    expect(deadline(ticket(), at(1))).toEqual(at(72));
    expect(isBreached(ticket(), at(72))).toBe(false);
    expect(isBreached(ticket(), at(72.01))).toBe(true);
    expect(isOpen(ticket({ status: 'WAITING_ON_CUSTOMER' }))).toBe(true);
  });

  it('pauses while waiting on the customer: the wait moves the deadline', () => {
    const waiting = { ...ticket(), ...pause(ticket(), at(10)), status: 'WAITING_ON_CUSTOMER' as const };
    expect(isBreached(waiting, at(100))).toBe(false); // paused: never breached while waiting
    expect(deadline(waiting, at(40))).toEqual(at(102));
    const back = { ...waiting, ...resume(waiting, at(40)), status: 'OPEN' as const };
    expect(back.pausedMs).toBe(30 * H);
    expect(deadline(back, at(50))).toEqual(at(102));
    expect(isBreached(back, at(101))).toBe(false);
    expect(isBreached(back, at(103))).toBe(true);
    expect(pause(back, at(60)).waitingSince).toEqual(at(60));
    expect(resume(ticket(), at(5))).toEqual({ waitingSince: null, pausedMs: 0 });
  });

  it('a ticket resolved in time is not breached later; one resolved late is', () => {
    expect(isBreached(ticket({ status: 'RESOLVED', resolvedAt: at(70) }), at(500))).toBe(false);
    expect(isBreached(ticket({ status: 'RESOLVED', resolvedAt: at(80) }), at(80))).toBe(true);
  });

  it('escalates to the store manager when breached, to HQ a day later, each once', () => {
    const day = 24 * H;
    expect(escalationDue(ticket(), at(10), day)).toEqual({
      level: null,
      next: new Date(at(72).getTime() + 1),
    });
    expect(escalationDue(ticket(), at(73), day)).toEqual({ level: 'STORE_MANAGER', next: at(96) });
    const once = ticket({ escalations: [{ level: 'STORE_MANAGER', at: at(73) }] });
    expect(escalationDue(once, at(80), day)).toEqual({ level: null, next: at(96) });
    expect(escalationDue(once, at(97), day)).toEqual({ level: 'HQ', next: null });
    const twice = ticket({
      escalations: [
        { level: 'STORE_MANAGER', at: at(73) },
        { level: 'HQ', at: at(97) },
      ],
    });
    expect(escalationDue(twice, at(200), day)).toEqual({ level: null, next: null });
    expect(escalationDue(ticket({ status: 'RESOLVED', resolvedAt: at(1) }), at(200), day).level).toBeNull();
    expect(escalationDue(ticket({ waitingSince: at(5) }), at(200), day).level).toBeNull();
  });
});
