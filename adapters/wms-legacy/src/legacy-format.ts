/**
 * The WMS's wire formats, both directions: times are "yyyyMMddHHmmss" in China time (UTC+8,
 * no daylight saving), quantities are decimal strings with up to 3 places ("120.000", "1.250").
 * Quantities are handled in integer thousandths so that sums and differences have no float error.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** "20240501100304" (UTC+8) → "2024-05-01T02:03:04.000Z"; anything else throws. */
export function wmsTimeToIso(raw: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(String(raw ?? '').trim());
  if (!m) throw new Error(`not a WMS time (yyyyMMddHHmmss): ${JSON.stringify(raw)}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (
    local.getUTCFullYear() !== y ||
    local.getUTCMonth() !== mo - 1 ||
    local.getUTCDate() !== d ||
    local.getUTCHours() !== h ||
    local.getUTCMinutes() !== mi ||
    local.getUTCSeconds() !== s
  )
    throw new Error(`not a calendar time: ${JSON.stringify(raw)}`);
  return new Date(local.getTime() - CHINA_OFFSET_MS).toISOString();
}

/** A Date or ISO string → "yyyyMMddHHmmss" in UTC+8 (milliseconds are dropped). */
export function toWmsTime(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + CHINA_OFFSET_MS);
  if (Number.isNaN(d.getTime())) throw new Error(`not a time: ${JSON.stringify(at)}`);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    p(d.getUTCFullYear(), 4) +
    p(d.getUTCMonth() + 1) +
    p(d.getUTCDate()) +
    p(d.getUTCHours()) +
    p(d.getUTCMinutes()) +
    p(d.getUTCSeconds())
  );
}

/** "120.000" → 120000 thousandths; "-3.5" → -3500; blanks around are ignored; anything else throws. */
export function quantityToMilli(raw: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(String(raw ?? '').trim());
  if (!m) throw new Error(`not a WMS quantity: ${JSON.stringify(raw)}`);
  const milli = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  if (!Number.isSafeInteger(milli)) throw new Error(`quantity out of range: ${JSON.stringify(raw)}`);
  return m[1] ? -milli : milli;
}

/** 1250 → "1.250" (the WMS's own spelling). */
export function milliToQuantity(milli: number): string {
  const abs = Math.abs(milli);
  return `${milli < 0 ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** A number with at most 3 decimals → thousandths; more precision than the WMS keeps throws. */
export function numberToMilli(n: number): number {
  const milli = Math.round(n * 1000);
  if (!Number.isFinite(n) || Math.abs(n * 1000 - milli) > 1e-6)
    throw new Error(`quantity ${n} has more than 3 decimals`);
  return milli;
}
