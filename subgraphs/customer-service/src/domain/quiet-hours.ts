import type { Calendar } from './calendar.js';
import { minutesOf } from './settings.js';

/**
 * The first instant at or after `at` outside the tenant's quiet hours (its wall clock): a survey due
 * at 03:00 goes out at the end of the quiet hours that morning, not in the night. The window may
 * cross midnight (21:00–09:00) or not (12:00–14:00); start == end means no quiet hours.
 */
export function sendableAt(at: Date, quiet: { start: string; end: string }, cal: Calendar): Date {
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
