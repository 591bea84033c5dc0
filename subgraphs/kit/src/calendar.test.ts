import fc from 'fast-check';
import { z } from 'zod';
import {
  DEFAULT_TIME_ZONE,
  businessDay,
  createTenantCalendar,
  defaultCalendar,
  isTimeZone,
  parseTenantZones,
  zoneCalendar,
} from './calendar.js';
import { ConfigError, commonEnv, parseEnv, resolveCalendar } from './config/parse-env.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

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

describe('TenantCalendar (default: Asia/Shanghai for every tenant)', () => {
  const cal = defaultCalendar;

  it('keys days by the Shanghai date: 16:00 UTC starts the next day', () => {
    expect(cal.zoneOf('any-tenant')).toBe('Asia/Shanghai');
    expect(cal.businessDay(at('2026-03-01T15:59:59.999Z'), 't')).toBe('2026-03-01');
    expect(cal.businessDay(at('2026-03-01T16:00:00.000Z'), 't')).toBe('2026-03-02');
    expect(cal.businessDay(at('2026-03-01T17:00:00.000Z'), 't')).toBe('2026-03-02');
    expect(cal.dayOfMonth(at('2026-03-07T16:30:00.000Z'), 't')).toBe(8);
    expect(cal.dayOfMonth(at('2026-03-07T15:30:00.000Z'), 't')).toBe(7);
  });

  it('starts a day at 16:00 UTC of the day before, and refuses what is not a day', () => {
    expect(iso(cal.startOfDay('2026-03-02', 't'))).toBe('2026-03-01T16:00:00.000Z');
    expect(iso(cal.startOfDay('2027-01-01', 't'))).toBe('2026-12-31T16:00:00.000Z');
    expect(iso(cal.startOfDay('2028-02-29', 't'))).toBe('2028-02-28T16:00:00.000Z');
    expect(() => cal.startOfDay('2026-02-29', 't')).toThrow(RangeError);
    expect(() => cal.startOfDay('2026-13-01', 't')).toThrow(RangeError);
    expect(() => cal.startOfDay('26-3-1', 't')).toThrow(RangeError);
  });

  it('lists the tenant days a period touches, end exclusive', () => {
    // [2026-03-01T00:00Z, 2026-03-03T00:00Z) is 08:00 on 1 March to 08:00 on 3 March in Shanghai
    expect(cal.days(at('2026-03-01T00:00:00Z'), at('2026-03-03T00:00:00Z'), 't')).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
    // exactly the Shanghai days 2 and 3 March
    expect(cal.days(at('2026-03-01T16:00:00Z'), at('2026-03-03T16:00:00Z'), 't')).toEqual([
      '2026-03-02',
      '2026-03-03',
    ]);
    // across the end of February of a leap year and of a year
    expect(cal.days(at('2028-02-28T16:00:00Z'), at('2028-03-01T16:00:00Z'), 't')).toEqual([
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(cal.days(at('2026-12-31T15:00:00Z'), at('2026-12-31T17:00:00Z'), 't')).toEqual([
      '2026-12-31',
      '2027-01-01',
    ]);
    expect(cal.days(at('2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), 't')).toEqual([]);
  });

  it('adds months on the Shanghai calendar, clamped to the end of the month', () => {
    // 31 January, 10:00 in Shanghai
    const jan31 = at('2026-01-31T02:00:00.000Z');
    expect(iso(cal.addMonths(jan31, 1, 't'))).toBe('2026-02-28T02:00:00.000Z');
    expect(iso(cal.addMonths(at('2028-01-31T02:00:00.000Z'), 1, 't'))).toBe('2028-02-29T02:00:00.000Z');
    expect(iso(cal.addMonths(at('2026-03-31T02:00:00.000Z'), 1, 't'))).toBe('2026-04-30T02:00:00.000Z');
    expect(iso(cal.addMonths(jan31, 13, 't'))).toBe('2027-02-28T02:00:00.000Z');
    expect(iso(cal.addMonths(at('2027-01-31T02:00:00.000Z'), 13, 't'))).toBe('2028-02-29T02:00:00.000Z');
    expect(iso(cal.addMonths(jan31, 12, 't'))).toBe('2027-01-31T02:00:00.000Z');
    // 29 February + 12 months: 28 February (no 29th)
    expect(iso(cal.addMonths(at('2028-02-29T02:00:00.000Z'), 12, 't'))).toBe('2029-02-28T02:00:00.000Z');
    // 2026-01-30T17:00Z is already 31 January, 01:00 in Shanghai (in UTC it would be 30 Jan → 2 March)
    expect(iso(cal.addMonths(at('2026-01-30T17:00:00.000Z'), 1, 't'))).toBe('2026-02-27T17:00:00.000Z');
    expect(cal.businessDay(cal.addMonths(at('2026-01-30T17:00:00.000Z'), 1, 't'), 't')).toBe('2026-02-28');
  });

  it('adds days on the wall clock', () => {
    expect(iso(cal.addDays(at('2026-02-27T17:00:00.000Z'), 2, 't'))).toBe('2026-03-01T17:00:00.000Z');
  });

  it('ends years at the end of 31 December in Shanghai (15:59:59.999 UTC)', () => {
    // 2026-12-31T17:00Z is 1 January 2027 in Shanghai: two years after is the end of 2029
    expect(iso(cal.endOfYear(at('2026-12-31T17:00:00.000Z'), 't', 2))).toBe('2029-12-31T15:59:59.999Z');
    expect(iso(cal.endOfYear(at('2026-12-31T15:00:00.000Z'), 't', 2))).toBe('2028-12-31T15:59:59.999Z');
    expect(iso(cal.endOfYear(at('2026-06-01T00:00:00.000Z'), 't'))).toBe('2026-12-31T15:59:59.999Z');
    // from 29 February of a leap year
    expect(iso(cal.endOfYear(at('2028-02-29T10:00:00.000Z'), 't', 1))).toBe('2029-12-31T15:59:59.999Z');
  });

  it('refuses invalid dates instead of computing with NaN', () => {
    expect(() => cal.businessDay(new Date('nope'), 't')).toThrow(RangeError);
    expect(() => cal.addMonths(new Date('nope'), 1, 't')).toThrow(RangeError);
  });
});

describe('TenantCalendar with configured zones', () => {
  const cal = createTenantCalendar({
    defaultZone: 'Asia/Shanghai',
    zones: { ny: 'America/New_York', utc: 'UTC' },
  });

  it('gives each configured tenant its own zone and the others the default', () => {
    expect(cal.defaultZone).toBe('Asia/Shanghai');
    expect([cal.zoneOf('ny'), cal.zoneOf('utc'), cal.zoneOf('demo')]).toEqual([
      'America/New_York',
      'UTC',
      'Asia/Shanghai',
    ]);
    const t = at('2026-03-01T17:00:00.000Z');
    expect([cal.businessDay(t, 'ny'), cal.businessDay(t, 'utc'), cal.businessDay(t, 'demo')]).toEqual([
      '2026-03-01',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(cal.of('ny').zone).toBe('America/New_York');
  });

  it('follows daylight saving in New York (days of 23 hours, years ending at 04:59:59.999 UTC)', () => {
    // 8 March 2026: clocks go forward in New York
    expect(iso(cal.startOfDay('2026-03-08', 'ny'))).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(cal.startOfDay('2026-03-09', 'ny'))).toBe('2026-03-09T04:00:00.000Z');
    expect(cal.days(at('2026-03-07T05:00:00Z'), at('2026-03-10T04:00:00Z'), 'ny')).toEqual([
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(iso(cal.addDays(at('2026-03-07T17:00:00Z'), 1, 'ny'))).toBe('2026-03-08T16:00:00.000Z');
    // 17:00 UTC on 31 December is still 2026 in New York: its year ends two years later at 05:00 UTC
    expect(iso(cal.endOfYear(at('2026-12-31T17:00:00.000Z'), 'ny', 2))).toBe('2029-01-01T04:59:59.999Z');
    expect(iso(cal.addMonths(at('2026-01-31T17:00:00.000Z'), 1, 'ny'))).toBe('2026-02-28T17:00:00.000Z');
    expect(iso(cal.endOfYear(at('2026-12-31T17:00:00.000Z'), 'utc', 2))).toBe('2028-12-31T23:59:59.999Z');
  });

  it('refuses unknown zones when it is created', () => {
    expect(() => createTenantCalendar({ defaultZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => createTenantCalendar({ zones: { a: 'Mars/Olympus' } })).toThrow(RangeError);
    expect(() => zoneCalendar('Europe/Atlantis')).toThrow(/Europe\/Atlantis/);
  });
});

describe('parseTenantZones (TENANT_TIME_ZONES)', () => {
  it('reads tenant=Zone pairs', () => {
    expect(parseTenantZones(' demo = Asia/Shanghai , ny=America/New_York,,')).toEqual({
      zones: { demo: 'Asia/Shanghai', ny: 'America/New_York' },
      problems: [],
    });
  });

  it('names every malformed pair, unknown zone and repeated tenant', () => {
    const { problems } = parseTenantZones('a=Mars/Olympus,b,=UTC,c=UTC,c=Asia/Tokyo');
    expect(problems).toEqual([
      'unknown time zone "Mars/Olympus" for tenant a',
      '"b" is not tenant=Zone',
      '"=UTC" is not tenant=Zone',
      'tenant c is listed twice',
    ]);
  });

  it('takes tenant names literally (no prototype keys)', () => {
    const { zones } = parseTenantZones('__proto__=UTC,constructor=Asia/Tokyo');
    expect(Object.keys(zones)).toEqual(['__proto__', 'constructor']);
    const cal = createTenantCalendar({ zones });
    expect([cal.zoneOf('__proto__'), cal.zoneOf('constructor'), cal.zoneOf('x')]).toEqual([
      'UTC',
      'Asia/Tokyo',
      'Asia/Shanghai',
    ]);
  });
});

describe('configuration (TIME_ZONE, TENANT_TIME_ZONES in commonEnv)', () => {
  const schema = z.object(commonEnv);
  const load = (env: Record<string, string | undefined>) => resolveCalendar(parseEnv('test', schema, env));

  it('defaults to Asia/Shanghai for every tenant; empty values count as unset', () => {
    for (const env of [{}, { TIME_ZONE: '', TENANT_TIME_ZONES: '' }]) {
      const cal = load(env);
      expect([cal.defaultZone, cal.zoneOf('demo')]).toEqual(['Asia/Shanghai', 'Asia/Shanghai']);
    }
  });

  it('reads a default zone and per-tenant zones', () => {
    const cal = load({ TIME_ZONE: 'Asia/Tokyo', TENANT_TIME_ZONES: 'ny=America/New_York, sh=Asia/Shanghai' });
    expect([cal.zoneOf('demo'), cal.zoneOf('ny'), cal.zoneOf('sh')]).toEqual([
      'Asia/Tokyo',
      'America/New_York',
      'Asia/Shanghai',
    ]);
  });

  it('refuses unknown zones with a ConfigError naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        load(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error('expected a ConfigError');
    };
    expect(problems({ TIME_ZONE: 'Mars/Olympus' })).toEqual([
      'TIME_ZONE: must be an IANA time zone such as Asia/Shanghai (got "Mars/Olympus")',
    ]);
    expect(problems({ TENANT_TIME_ZONES: 'demo=Asia/Shanghai,ny=America/NewYork,bad' })).toEqual([
      'TENANT_TIME_ZONES: unknown time zone "America/NewYork" for tenant ny (got "demo=Asia/Shanghai,ny=America/NewYork,bad")',
      'TENANT_TIME_ZONES: "bad" is not tenant=Zone (got "demo=Asia/Shanghai,ny=America/NewYork,bad")',
    ]);
  });
});

describe('the days a period touches', () => {
  it('are every day from the day of `from` to the day of the last instant before `to`, in any zone (property)', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const cal = zoneCalendar(zone);
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 0, 1) }),
          fc.integer({ min: 1, max: 400 * 86_400_000 }),
          (start, length) => {
            const from = new Date(start);
            const to = new Date(start + length);
            // the definition, hour by hour: the zone's date of every instant of [from, to)
            const want = new Set<string>();
            for (let t = start; t < start + length; t += 3_600_000) want.add(cal.businessDay(new Date(t)));
            want.add(cal.businessDay(new Date(start + length - 1)));
            expect(cal.days(from, to)).toEqual([...want].sort());
          },
        ),
        { numRuns: 40 },
      );
    }
  });
});
