/**
 * The WMS's wire formats, both directions: times are "yyyyMMddHHmmss" in China time (UTC+8,
 * no daylight saving), quantities are decimal strings with up to 3 places ("120.000", "1.250").
 * Quantities are handled in integer thousandths so that sums and differences have no float error.
 */
import { chinaCompactToIso, decimalToMinor, minorToDecimal, toChinaCompact } from '@zhongtai/adapter-kit';

/** "20240501100304" (UTC+8) → "2024-05-01T02:03:04.000Z"; anything else throws. */
export function wmsTimeToIso(raw: string): string {
  return chinaCompactToIso(raw);
}

/** A Date or ISO string → "yyyyMMddHHmmss" in UTC+8 (milliseconds are dropped). */
export function toWmsTime(at: Date | string): string {
  return toChinaCompact(at);
}

/** "120.000" → 120000 thousandths; "-3.5" → -3500; blanks around are ignored; anything else throws. */
export function quantityToMilli(raw: string): number {
  try {
    return decimalToMinor(raw, 3);
  } catch {
    throw new Error(`not a WMS quantity: ${JSON.stringify(raw)}`);
  }
}

/** 1250 → "1.250" (the WMS's own spelling). */
export function milliToQuantity(milli: number): string {
  return minorToDecimal(milli, 3);
}

/** A number with at most 3 decimals → thousandths; more precision than the WMS keeps throws. */
export function numberToMilli(n: number): number {
  const milli = Math.round(n * 1000);
  if (!Number.isFinite(n) || Math.abs(n * 1000 - milli) > 1e-6)
    throw new Error(`quantity ${n} has more than 3 decimals`);
  return milli;
}
