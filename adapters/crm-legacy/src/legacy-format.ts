import { AdapterError, chinaCompactToIso, toChinaCompact, mainlandMobile } from '@zhongtai/adapter-kit';

/** The adapter's fixed identifier (also the prefix of its errors and its metrics label). */
export const CRM_IDENTIFIER = 'crm-legacy';

/** A value the CRM holds that the adapter cannot map: not retryable, the record itself is wrong. */
export const mappingError = (message: string) => new AdapterError(CRM_IDENTIFIER, message, false);

/** "20240105103000" in China time (UTC+8) → "2024-01-05T02:30:00.000Z". */
export function fromLegacyTime(raw: string, what: string): string {
  try {
    return chinaCompactToIso(raw);
  } catch (error) {
    throw mappingError(`${what}: ${(error as Error).message}`);
  }
}

/** ISO time → "yyyyMMddHHmmss" in China time; the CRM keeps whole seconds only. */
export function toLegacyTime(iso: string, what: string): string {
  try {
    return toChinaCompact(iso, { wholeSeconds: true });
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`);
  }
}

/**
 * A mainland mobile number as 11 digits (the rules of the member center's `normalizePhone`):
 * separators and a +86 / 0086 / 86 prefix are dropped; anything else is not a mobile number (null).
 */
export function normaliseMobile(raw: string): string | null {
  return mainlandMobile(raw);
}

/** Points as the CRM writes them ("1200", "1200.00", " 35 ", "-20") → an integer. */
export function parsePoints(raw: string, what: string): number {
  const m = /^([+-]?)(\d+)(?:\.(0*))?$/.exec(raw.trim());
  if (!m) throw mappingError(`${what}: not a whole number of points: ${JSON.stringify(raw)}`);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n)) throw mappingError(`${what}: points out of range: ${JSON.stringify(raw)}`);
  return m[1] === '-' && n !== 0 ? -n : n;
}
