import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

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
