/**
 * A tenant's business calendar as the pure rules use it (the kit's `ZoneCalendar` fits it; declared
 * here so the domain imports nothing from the kit): days on the tenant's wall clock, instants as UTC.
 */
export interface Calendar {
  /** the tenant's calendar day of `at`, `YYYY-MM-DD` */
  businessDay(at: Date): string;
  /** the instant the tenant's day `day` begins */
  startOfDay(day: string): Date;
  /** the same wall-clock time `days` days later */
  addDays(at: Date, days: number): Date;
}
