/**
 * A tenant's business calendar as the pure rules use it: days, months and years on the tenant's
 * wall clock (its time zone, default Asia/Shanghai), instants in and out as UTC `Date`s. The
 * services pass `deps.calendar.of(tenant)` (the kit's `ZoneCalendar`, date-fns + @date-fns/tz);
 * it is declared here so that the domain imports nothing from the kit.
 */
export interface Calendar {
  /** the tenant's calendar day of `at`, `YYYY-MM-DD` */
  businessDay(at: Date): string;
  /** the tenant's day of the month of `at` */
  dayOfMonth(at: Date): number;
  /** the last millisecond of the tenant's year of `at`, `plusYears` years later */
  endOfYear(at: Date, plusYears?: number): Date;
  /** the same wall-clock time `months` later, clamped to the end of a shorter month */
  addMonths(at: Date, months: number): Date;
  /** the same wall-clock time `days` days later */
  addDays(at: Date, days: number): Date;
}
