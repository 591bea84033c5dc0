/** Gregorian leap years. */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `month`-`day` (1-based) is a day of the calendar: of `year` when it is given, else of some
 * year (29 February counts). Birthdays are checked with it where they are taken and where they are used.
 */
export function isMonthDay(month: number, day: number, year?: number): boolean {
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (!Number.isInteger(day) || day < 1 || day > DAYS_IN_MONTH[month - 1]) return false;
  return !(year !== undefined && month === 2 && day === 29 && !isLeapYear(year));
}
