import { badInput } from './errors.js';

/**
 * How the platform reaches a member with a message, the same for every subgraph that sends one
 * (customer service's surveys and apologies, content's campaigns): consent per channel (RUNTIME.md),
 * and no messages in the tenant's quiet hours.
 */

/** The channel a message goes out on; `APP`: nothing is sent, it waits for the member in the app. */
export type SendChannel = 'SMS' | 'WECHAT_TEMPLATE' | 'APP';

export interface Reachability {
  consents: Array<{ channel: string; granted: boolean }>;
  phone: string | null;
  wechatOpenId: string | null;
}

/**
 * A WeChat template message when the member consented on WECHAT and has a WeChat identity; else an
 * SMS when it consented on APP (the app's messages go out as SMS) and has a phone; else nothing is
 * sent (`APP`).
 */
export function channelFor(r: Reachability): { via: SendChannel; to: string | null } {
  const granted = (c: string) => r.consents.some((x) => x.channel === c && x.granted);
  if (granted('WECHAT') && r.wechatOpenId) return { via: 'WECHAT_TEMPLATE', to: r.wechatOpenId };
  if (granted('APP') && r.phone) return { via: 'SMS', to: r.phone };
  return { via: 'APP', to: null };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of `HH:mm` (BAD_USER_INPUT otherwise). */
export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw badInput('a time of day is HH:mm (00:00..23:59)', { field: 'quietHours' });
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The tenant's wall clock, as `sendableAt` needs it (the kit's `ZoneCalendar` fits). */
export interface WallClock {
  businessDay(at: Date): string;
  startOfDay(day: string): Date;
  addDays(at: Date, days: number): Date;
}

/**
 * The first instant at or after `at` outside the tenant's quiet hours (its wall clock): a message
 * due at 03:00 goes out at the end of the quiet hours that morning. The window may cross midnight
 * (21:00–09:00) or not (12:00–14:00); start == end means no quiet hours.
 */
export function sendableAt(at: Date, quiet: { start: string; end: string }, cal: WallClock): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return at;
  const day = cal.businessDay(at);
  const midnight = cal.startOfDay(day);
  const minute = Math.floor((at.getTime() - midnight.getTime()) / 60_000);
  const inQuiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inQuiet) return at;
  // the end of this quiet window: today's `end` when before it, else tomorrow's
  const endDay = minute < end ? day : cal.businessDay(cal.addDays(midnight, 1));
  return new Date(cal.startOfDay(endDay).getTime() + end * 60_000);
}
