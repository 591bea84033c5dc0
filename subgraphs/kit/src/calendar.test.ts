import { DEFAULT_TIME_ZONE, businessDay, isTimeZone } from './calendar.js';

describe('businessDay', () => {
  it('turns the day at 16:00 UTC in Shanghai (UTC+8), not at midnight UTC', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
    expect(businessDay(new Date('2026-05-03T15:59:59.999Z'))).toBe('2026-05-03');
    expect(businessDay(new Date('2026-05-03T16:00:00.000Z'))).toBe('2026-05-04');
    expect(businessDay(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(businessDay(new Date('2026-05-03T23:00:00.000Z'), 'UTC')).toBe('2026-05-03');
  });

  it('follows other zones, daylight saving included, and refuses unknown ones', () => {
    // New York is UTC-4 in summer, UTC-5 in winter
    expect(businessDay(new Date('2026-07-01T03:59:00.000Z'), 'America/New_York')).toBe('2026-06-30');
    expect(businessDay(new Date('2026-07-01T04:00:00.000Z'), 'America/New_York')).toBe('2026-07-01');
    expect(businessDay(new Date('2026-01-01T04:59:00.000Z'), 'America/New_York')).toBe('2025-12-31');
    expect(businessDay(new Date('2026-05-03T16:00:00.000Z'), '+08:00')).toBe('2026-05-04');
    expect(() => businessDay(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
