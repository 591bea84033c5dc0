import type { Calendar } from './calendar.js';

/** Shanghai's calendar by hand (UTC+8, no daylight saving): an oracle for the domain tests. */
export const shanghai: Calendar = {
  businessDay: (at) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
  startOfDay: (day) => new Date(new Date(`${day}T00:00:00.000Z`).getTime() - 8 * 3600_000),
  addDays: (at, days) => new Date(at.getTime() + days * 86_400_000),
};
