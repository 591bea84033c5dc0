import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, endOfYear, format, isValid, startOfDay } from 'date-fns';

/** The platform's default business time zone (DOMAIN: business days are the tenant's, default China). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The calendar day of `at` in `timeZone` (`YYYY-MM-DD`): the "business day" that daily caps,
 * buckets and counters are keyed by. 16:00 UTC is already the next day in Shanghai. Time zones are
 * IANA names (`Asia/Shanghai`) or UTC offsets (`+08:00`); an unknown one is a RangeError, never a
 * silent fall-back to UTC.
 */
export function businessDay(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const local = new TZDate(at.getTime(), timeZone);
  if (Number.isNaN(local.getTime())) throw new RangeError(`unknown time zone or date: ${timeZone}, ${at}`);
  return format(local, 'yyyy-MM-dd');
}

/** Whether `timeZone` is one `businessDay` accepts (validate configuration with it). */
export function isTimeZone(timeZone: string): boolean {
  return typeof timeZone === 'string' && !Number.isNaN(new TZDate(0, timeZone).getTime());
}

/**
 * Calendar arithmetic in one time zone. Instants go in and come out as plain UTC `Date`s (what is
 * stored and sent); only the arithmetic happens on the zone's wall clock, with date-fns on a
 * `TZDate`, so daylight saving and month ends are the library's business, not ours.
 */
export interface ZoneCalendar {
  readonly zone: string;
  /** the zone's calendar day of `at`, `YYYY-MM-DD` */
  businessDay(at: Date): string;
  /** the zone's day of the month of `at` (1..31) */
  dayOfMonth(at: Date): number;
  /** the instant the zone's day `day` (`YYYY-MM-DD`) begins */
  startOfDay(day: string): Date;
  /** every day of the zone that [from, to) touches, in order: the day of `from` up to the day of the last instant before `to` */
  days(from: Date, to: Date): string[];
  /** the last millisecond of the zone's year of `at`, `plusYears` years later */
  endOfYear(at: Date, plusYears?: number): Date;
  /** the same wall-clock time `months` months later; a day the month does not have becomes its last (31 Jan + 1 → 28/29 Feb) */
  addMonths(at: Date, months: number): Date;
  /** the same wall-clock time `days` days later (23 or 25 hours across a daylight-saving change) */
  addDays(at: Date, days: number): Date;
}

/**
 * The business calendar of every tenant: its time zone comes from deployment configuration
 * (`TIME_ZONE`, `TENANT_TIME_ZONES`, read once at start), never from request data. Every method
 * is the `ZoneCalendar` one of the tenant's zone.
 */
export interface TenantCalendar {
  /** the zone of tenants not configured otherwise */
  readonly defaultZone: string;
  zoneOf(tenant: string): string;
  /** the tenant's calendar (bound to its zone), for code that works for one tenant */
  of(tenant: string): ZoneCalendar;
  businessDay(at: Date, tenant: string): string;
  dayOfMonth(at: Date, tenant: string): number;
  startOfDay(day: string, tenant: string): Date;
  days(from: Date, to: Date, tenant: string): string[];
  endOfYear(at: Date, tenant: string, plusYears?: number): Date;
  addMonths(at: Date, months: number, tenant: string): Date;
  addDays(at: Date, days: number, tenant: string): Date;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a business day written `YYYY-MM-DD` (no zone: dates, not instants). The
 * orders subgraph's pure domain numbers days the same way (domain/day-tree.ts: domain code imports no kit).
 */
function dayNumber(day: string): number {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a business day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The business day numbered n (days since 1970-01-01), written `YYYY-MM-DD`. */
const dayOfNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

function checkZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
}

function checkDate(at: Date, what: string): void {
  if (!isValid(at)) throw new RangeError(`${what}: not a valid date`);
}

/** The calendar of one zone; an unknown zone is a RangeError here, not later. */
export function zoneCalendar(zone: string = DEFAULT_TIME_ZONE): ZoneCalendar {
  checkZone(zone);
  const local = (at: Date) => {
    checkDate(at, 'at');
    return new TZDate(at.getTime(), zone);
  };
  const instant = (d: Date) => new Date(d.getTime());
  const dayStart = (day: string): TZDate => {
    const m = DAY.exec(day);
    // noon of the day, then its start: midnight may not exist on a daylight-saving day
    const noon = m ? new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, zone) : null;
    if (!noon || format(noon, 'yyyy-MM-dd') !== day) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
    return startOfDay(noon);
  };
  return {
    zone,
    businessDay: (at) => format(local(at), 'yyyy-MM-dd'),
    dayOfMonth: (at) => local(at).getDate(),
    startOfDay: (day) => instant(dayStart(day)),
    days: (from, to) => {
      checkDate(to, 'to');
      if (!(from < to)) return [];
      // the zone is asked twice (the first day and the last); the days between are calendar arithmetic
      // (a zone never repeats or skips a whole date around a period; Samoa's skipped 30 Dec 2011 would be
      // listed, with nothing on it). Asking the zone for every day of a long period cost milliseconds.
      const first = format(local(from), 'yyyy-MM-dd');
      const last = format(local(new Date(to.getTime() - 1)), 'yyyy-MM-dd');
      const out: string[] = [];
      for (let n = dayNumber(first), end = dayNumber(last); n <= end; n++) out.push(dayOfNumber(n));
      return out;
    },
    endOfYear: (at, plusYears = 0) =>
      instant(endOfYear(new TZDate(local(at).getFullYear() + plusYears, 0, 1, 12, zone))),
    addMonths: (at, months) => instant(addMonths(local(at), months)),
    addDays: (at, days) => instant(addDays(local(at), days)),
  };
}

export interface CalendarSettings {
  /** the zone of every tenant not listed in `zones` (default Asia/Shanghai) */
  defaultZone?: string;
  /** tenant → zone */
  zones?: Record<string, string>;
}

/** A tenant calendar from validated settings (an unknown zone is a RangeError). */
export function createTenantCalendar(settings: CalendarSettings = {}): TenantCalendar {
  const fallback = zoneCalendar(settings.defaultZone ?? DEFAULT_TIME_ZONE);
  const byZone = new Map<string, ZoneCalendar>([[fallback.zone, fallback]]);
  const byTenant = new Map<string, ZoneCalendar>();
  for (const [tenant, zone] of Object.entries(settings.zones ?? {})) {
    if (!byZone.has(zone)) byZone.set(zone, zoneCalendar(zone));
    byTenant.set(tenant, byZone.get(zone)!);
  }
  const of = (tenant: string) => byTenant.get(tenant) ?? fallback;
  return {
    defaultZone: fallback.zone,
    zoneOf: (tenant) => of(tenant).zone,
    of,
    businessDay: (at, tenant) => of(tenant).businessDay(at),
    dayOfMonth: (at, tenant) => of(tenant).dayOfMonth(at),
    startOfDay: (day, tenant) => of(tenant).startOfDay(day),
    days: (from, to, tenant) => of(tenant).days(from, to),
    endOfYear: (at, tenant, plusYears) => of(tenant).endOfYear(at, plusYears),
    addMonths: (at, months, tenant) => of(tenant).addMonths(at, months),
    addDays: (at, days, tenant) => of(tenant).addDays(at, days),
  };
}

/** Asia/Shanghai for every tenant: what deps get when the deployment configures nothing. */
export const defaultCalendar: TenantCalendar = createTenantCalendar();

/**
 * Reads `TENANT_TIME_ZONES` (`tenant=Zone,tenant=Zone`, spaces allowed around the parts): the
 * zones by tenant, and a problem for each malformed pair, unknown zone or tenant listed twice.
 */
export function parseTenantZones(spec: string): { zones: Record<string, string>; problems: string[] } {
  const zones = new Map<string, string>();
  const problems: string[] = [];
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf('=');
    const tenant = eq > 0 ? part.slice(0, eq).trim() : '';
    const zone = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (!tenant || !zone) problems.push(`"${part}" is not tenant=Zone`);
    else if (!isTimeZone(zone)) problems.push(`unknown time zone "${zone}" for tenant ${tenant}`);
    else if (zones.has(tenant)) problems.push(`tenant ${tenant} is listed twice`);
    else zones.set(tenant, zone);
  }
  return { zones: Object.fromEntries(zones), problems };
}
