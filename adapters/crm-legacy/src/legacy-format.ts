import { legacyMapping, mainlandMobile } from '@zhongtai/adapter-kit';

/** The adapter's fixed identifier (also the prefix of its errors and its metrics label). */
export const CRM_IDENTIFIER = 'crm-legacy';

export const { mappingError, fromLegacyTime, toLegacyTime } = legacyMapping(CRM_IDENTIFIER);

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
