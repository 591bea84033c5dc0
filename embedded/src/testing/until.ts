import { isDeepStrictEqual } from 'node:util';

/**
 * Test support: polls `probe` every `everyMs` until it answers something other than undefined. A probe
 * that throws is asked again (the platform may still be catching up); at `timeoutMs` it fails with what it
 * waited for and the last error.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const found = await probe();
      if (found !== undefined) return found;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Test support: polls `probe` until it answers `expected` (deep equality) or `timeoutMs` passes, and
 * returns its last answer, for the caller's `expect` to show the difference.
 */
export async function settled<T>(
  probe: () => Promise<T>,
  expected: T,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (isDeepStrictEqual(got, expected) || Date.now() > end) return got;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
