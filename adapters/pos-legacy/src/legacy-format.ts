import { legacyMapping } from '@zhongtai/adapter-kit';

/** The adapter's fixed identifier (also the prefix of its errors and its metrics label). */
export const POS_IDENTIFIER = 'pos-legacy';

export const { mappingError, fromLegacyTime, toLegacyTime } = legacyMapping(POS_IDENTIFIER);

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
