import { AdapterError } from '@zhongtai/adapter-kit';

/** The adapter's fixed identifier (also the prefix of its errors and its metrics label). */
export const CRM_IDENTIFIER = 'crm-legacy';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** A value the CRM holds that the adapter cannot map: not retryable, the record itself is wrong. */
export const mappingError = (message: string) => new AdapterError(CRM_IDENTIFIER, message, false);

/** "20240105103000" in China time (UTC+8) → "2024-01-05T02:30:00.000Z". */
export function fromLegacyTime(raw: string, what: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(raw.trim());
  if (!m) throw mappingError(`${what}: not a yyyyMMddHHmmss time: ${JSON.stringify(raw)}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const exact =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    local.getUTCHours() === h &&
    local.getUTCMinutes() === mi &&
    local.getUTCSeconds() === s;
  if (!exact) throw mappingError(`${what}: no such time: ${JSON.stringify(raw)}`);
  return new Date(local.getTime() - CHINA_OFFSET_MS).toISOString();
}

/** ISO time → "yyyyMMddHHmmss" in China time; the CRM keeps whole seconds only. */
export function toLegacyTime(iso: string, what: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`${what}: not an ISO time: ${JSON.stringify(iso)}`);
  if (t % 1000 !== 0) throw new Error(`${what}: the CRM keeps whole seconds, got ${iso}`);
  const d = new Date(t + CHINA_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * A mainland mobile number as 11 digits (the rules of the member center's `normalizePhone`):
 * separators and a +86 / 0086 / 86 prefix are dropped; anything else is not a mobile number (null).
 */
export function normaliseMobile(raw: string): string | null {
  const digits = raw.trim().replace(/[\s\-().]/g, '');
  const local = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(local) ? local : null;
}

/** Points as the CRM writes them ("1200", "1200.00", " 35 ", "-20") → an integer. */
export function parsePoints(raw: string, what: string): number {
  const m = /^([+-]?)(\d+)(?:\.(0*))?$/.exec(raw.trim());
  if (!m) throw mappingError(`${what}: not a whole number of points: ${JSON.stringify(raw)}`);
  const n = Number(m[2]);
  if (!Number.isSafeInteger(n)) throw mappingError(`${what}: points out of range: ${JSON.stringify(raw)}`);
  return m[1] === '-' && n !== 0 ? -n : n;
}
