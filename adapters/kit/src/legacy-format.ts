/**
 * Formats legacy systems in China write, parsed once for every adapter. Each function throws a
 * plain `Error` describing the value; adapters wrap it in their own mapping error.
 */
import { AdapterError } from './errors.js';

export const CHINA_OFFSET_MS = 8 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function fromParts(raw: string, parts: number[]): string {
  const [y, mo, d, h, mi, s] = parts;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const exact =
    local.getUTCFullYear() === y &&
    local.getUTCMonth() === mo - 1 &&
    local.getUTCDate() === d &&
    local.getUTCHours() === h &&
    local.getUTCMinutes() === mi &&
    local.getUTCSeconds() === s;
  if (!exact) throw new Error(`no such time (not a calendar time): ${JSON.stringify(raw)}`);
  return new Date(local.getTime() - CHINA_OFFSET_MS).toISOString();
}

/** "20240105103000" in China time (UTC+8, no daylight saving) → "2024-01-05T02:30:00.000Z". */
export function chinaCompactToIso(raw: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(String(raw ?? '').trim());
  if (!m) throw new Error(`not a yyyyMMddHHmmss time: ${JSON.stringify(raw)}`);
  return fromParts(raw, m.slice(1).map(Number));
}

/** "2024-01-05 10:30:00" in China time → ISO UTC. */
export function chinaDashedToIso(raw: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(raw ?? '').trim());
  if (!m) throw new Error(`not a "yyyy-MM-dd HH:mm:ss" time: ${JSON.stringify(raw)}`);
  return fromParts(raw, m.slice(1).map(Number));
}

function chinaParts(at: Date | string, wholeSeconds: boolean): number[] {
  const t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`not a time: ${JSON.stringify(at)}`);
  if (wholeSeconds && t % 1000 !== 0)
    throw new Error(`the system keeps whole seconds, got ${new Date(t).toISOString()}`);
  const d = new Date(t + CHINA_OFFSET_MS);
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ];
}

/** A time → "yyyyMMddHHmmss" in China time; `wholeSeconds` refuses a time with milliseconds. */
export function toChinaCompact(at: Date | string, opts: { wholeSeconds?: boolean } = {}): string {
  const [y, mo, d, h, mi, s] = chinaParts(at, opts.wholeSeconds ?? false);
  return `${pad(y, 4)}${pad(mo)}${pad(d)}${pad(h)}${pad(mi)}${pad(s)}`;
}

/** A time → "yyyy-MM-dd HH:mm:ss" in China time. */
export function toChinaDashed(at: Date | string, opts: { wholeSeconds?: boolean } = {}): string {
  const [y, mo, d, h, mi, s] = chinaParts(at, opts.wholeSeconds ?? false);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/**
 * A mainland mobile number as the member center keys members by it: 11 digits, separators and a
 * +86 / 0086 / 86 prefix removed; null when it is not a mobile number.
 */
export function mainlandMobile(raw: string): string | null {
  const local = String(raw ?? '')
    .trim()
    .replace(/[\s\-().]/g, '')
    .replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(local) ? local : null;
}

/** A decimal string with at most `places` decimals → an integer of minor units ("12.5", 2 → 1250), without float error. */
export function decimalToMinor(raw: string, places: number): number {
  const m = new RegExp(`^([+-]?)(\\d+)(?:\\.(\\d{1,${places}}))?$`).exec(String(raw ?? '').trim());
  if (!m) throw new Error(`not a number with at most ${places} decimals: ${JSON.stringify(raw)}`);
  const minor = Number(m[2]) * 10 ** places + Number((m[3] ?? '').padEnd(places, '0'));
  if (!Number.isSafeInteger(minor)) throw new Error(`out of range: ${JSON.stringify(raw)}`);
  return m[1] === '-' && minor !== 0 ? -minor : minor;
}

/** 1250, 2 → "12.50". */
export function minorToDecimal(minor: number, places: number): string {
  const abs = Math.abs(minor);
  const unit = 10 ** places;
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / unit)}.${String(abs % unit).padStart(places, '0')}`;
}

/** A small seeded PRNG (Lehmer) for simulators and generated data: the same seed, the same data. */
export function seededRandom(seed: number): () => number {
  let s = Math.abs(Math.floor(seed)) % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** `seededRandom` with the helpers simulators and sample data need. */
export function seeded(seed: number): {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
} {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/**
 * The mapping helpers every adapter repeats, bound to its identifier: a non-retryable mapping error
 * (the record itself is wrong) and legacy "yyyyMMddHHmmss" China-time stamps (whole seconds) both ways.
 */
export function legacyMapping(identifier: string) {
  const mappingError = (message: string) => new AdapterError(identifier, message, false);
  return {
    mappingError,
    /** "20240105103000" in China time (UTC+8) → "2024-01-05T02:30:00.000Z". */
    fromLegacyTime(raw: string, what: string): string {
      try {
        return chinaCompactToIso(raw);
      } catch (error) {
        throw mappingError(`${what}: ${(error as Error).message}`);
      }
    },
    /** ISO time → "yyyyMMddHHmmss" in China time, whole seconds. */
    toLegacyTime(iso: string, what: string): string {
      try {
        return toChinaCompact(iso, { wholeSeconds: true });
      } catch (error) {
        throw new Error(`${what}: ${(error as Error).message}`);
      }
    },
  };
}
