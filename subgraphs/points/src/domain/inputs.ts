import { badInput } from '@zhongtai/contracts';

/** The most points one request may move. */
export const MAX_POINTS = 10_000_000;

/** A positive whole number of points, at most MAX_POINTS. */
export function checkPoints(points: number, field = 'points'): void {
  if (!Number.isInteger(points) || points <= 0 || points > MAX_POINTS)
    throw badInput(`${field} must be an integer between 1 and ${MAX_POINTS}`, { field });
}

/** A signed correction: non-zero, at most MAX_POINTS either way. */
export function checkAdjustment(points: number): void {
  if (!Number.isInteger(points) || points === 0 || Math.abs(points) > MAX_POINTS)
    throw badInput('points must be a non-zero integer', { field: 'points' });
}

export function checkIdempotencyKey(key: string): void {
  if (!key || key.length > 128)
    throw badInput('idempotencyKey must be 1..128 characters', { field: 'idempotencyKey' });
}

/** A required free text of 1..max characters (after trimming). */
export function checkText(value: string | null | undefined, field: string, max: number, what: string): void {
  if (!value?.trim() || value.length > max) throw badInput(what, { field });
}

/** A legacy opening balance: 0..MAX_POINTS from a source named like `crm` or `erp`. */
export function checkOpening(points: number, source: string): void {
  if (!Number.isInteger(points) || points < 0 || points > MAX_POINTS)
    throw badInput('points must be 0..10,000,000', { field: 'points' });
  if (!/^[a-z0-9-]{1,32}$/.test(source))
    throw badInput('source is a short lowercase name such as crm or erp', { field: 'source' });
}

/** What `withinDays` of an expiry question may be. */
export function checkWithinDays(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > 3650)
    throw badInput('withinDays must be 0..3650', { field: 'withinDays' });
}

/** The page size of a history page. */
export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > 100)
    throw badInput('first must be between 0 and 100', { field: 'first' });
}
