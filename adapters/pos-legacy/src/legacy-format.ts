import { AdapterError } from '@zhongtai/adapter-kit';

/** The adapter's fixed identifier (also the prefix of its errors and its metrics label). */
export const POS_IDENTIFIER = 'pos-legacy';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** A value the POS holds that the adapter cannot map: not retryable, the record itself is wrong. */
export const mappingError = (message: string) => new AdapterError(POS_IDENTIFIER, message, false);

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

/** ISO time → "yyyyMMddHHmmss" in China time; the POS keeps whole seconds only. */
export function toLegacyTime(iso: string, what: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`${what}: not an ISO time: ${JSON.stringify(iso)}`);
  if (t % 1000 !== 0) throw new Error(`${what}: the POS keeps whole seconds, got ${iso}`);
  const d = new Date(t + CHINA_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * Yuan as a decimal string ("129.90", "129.9", "-35", ".50") → integer fen, by string arithmetic
 * (never `parseFloat(x) * 100`, which turns "19.99" into 1998.9999…). Finer than a fen is an error.
 */
export function yuanToFen(raw: string, what: string): number {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(raw.trim());
  if (!m || !`${m[2]}${m[3] ?? ''}`)
    throw mappingError(`${what}: not an amount in yuan: ${JSON.stringify(raw)}`);
  const frac = m[3] ?? '';
  if (/[1-9]/.test(frac.slice(2))) throw mappingError(`${what}: finer than a fen: ${JSON.stringify(raw)}`);
  const fen = Number(m[2] || '0') * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
  if (!Number.isSafeInteger(fen)) throw mappingError(`${what}: amount out of range: ${JSON.stringify(raw)}`);
  return m[1] === '-' && fen !== 0 ? -fen : fen;
}

/** Integer fen → "129.90" (negative amounts as "-129.90"). */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not an amount in fen: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A quantity as the POS writes it (DECIMAL(12,3): "2.000") → a positive integer; weighed goods are refused. */
export function parseQuantity(raw: string, what: string): number {
  const m = /^(\d+)(?:\.(0*))?$/.exec(raw.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(n) || n < 1)
    throw mappingError(`${what}: not a whole positive quantity: ${JSON.stringify(raw)}`);
  return n;
}
