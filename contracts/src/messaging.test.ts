import { describe, expect, it } from '@jest/globals';
import { type WallClock, sendableAt } from './messaging.js';

/** Shanghai's wall clock (UTC+8, no daylight saving), as the kit's calendar gives it */
const shanghai: WallClock = {
  businessDay: (at) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
  startOfDay: (day) => new Date(new Date(`${day}T00:00:00.000Z`).getTime() - 8 * 3600_000),
  addDays: (at, days) => new Date(at.getTime() + days * 86_400_000),
};

// Shanghai wall clock = UTC + 8
const sh = (local: string) => new Date(new Date(`${local}Z`).getTime() - 8 * 3600_000);
const night = { start: '21:00', end: '09:00' };

describe('quiet hours (the tenant wall clock)', () => {
  it('sends at once outside them', () => {
    expect(sendableAt(sh('2026-03-10T10:30:00'), night, shanghai)).toEqual(sh('2026-03-10T10:30:00'));
    expect(sendableAt(sh('2026-03-10T20:59:00'), night, shanghai)).toEqual(sh('2026-03-10T20:59:00'));
  });

  it('defers a message due at 03:00 to 09:00 that morning, one due at 22:00 to 09:00 the next', () => {
    expect(sendableAt(sh('2026-03-10T03:00:00'), night, shanghai)).toEqual(sh('2026-03-10T09:00:00'));
    expect(sendableAt(sh('2026-03-10T22:00:00'), night, shanghai)).toEqual(sh('2026-03-11T09:00:00'));
    expect(sendableAt(sh('2026-03-10T21:00:00'), night, shanghai)).toEqual(sh('2026-03-11T09:00:00'));
    expect(sendableAt(sh('2026-03-10T09:00:00'), night, shanghai)).toEqual(sh('2026-03-10T09:00:00'));
  });

  it('handles a window inside one day, and none at all', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(sendableAt(sh('2026-03-10T12:30:00'), lunch, shanghai)).toEqual(sh('2026-03-10T14:00:00'));
    expect(sendableAt(sh('2026-03-10T23:00:00'), lunch, shanghai)).toEqual(sh('2026-03-10T23:00:00'));
    const none = { start: '00:00', end: '00:00' };
    expect(sendableAt(sh('2026-03-10T03:00:00'), none, shanghai)).toEqual(sh('2026-03-10T03:00:00'));
  });
});
