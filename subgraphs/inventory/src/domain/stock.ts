import { badInput } from '@zhongtai/contracts';

/** Stock of a SKU as served: `stale` when it is the last known value because the WMS did not answer. */
export interface Availability {
  onHand: number;
  available: number;
  asOf: Date;
  stale: boolean;
}

/** A stock reading is consistent: 0 <= available <= onHand; throws BAD_USER_INPUT. */
export function checkReading(r: { onHand: number; available: number }): void {
  if (r.onHand < 0 || r.available < 0 || r.available > r.onHand)
    throw badInput('stock must satisfy 0 <= available <= onHand');
}

/**
 * Stock summed over last known readings (of every location, or of one): as old as the oldest of them;
 * without any, nothing as of `now`.
 */
export function sumReadings(
  rows: Array<{ onHand: number; available: number; asOf: Date }>,
  now: Date,
): Availability {
  return {
    onHand: rows.reduce((n, r) => n + r.onHand, 0),
    available: rows.reduce((n, r) => n + r.available, 0),
    asOf: rows.reduce<Date | null>((t, r) => (!t || r.asOf < t ? r.asOf : t), null) ?? now,
    stale: false,
  };
}
