import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigError, resolveClock } from './config/parse-env.js';
import { loadSubgraphConfig } from './main-runner.js';
import { OffsetFileClock, systemClock } from './clock.js';

const dir = mkdtempSync(join(tmpdir(), 'zt-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DAY = 86_400_000;

describe('OffsetFileClock (CLOCK_OFFSET_FILE: e2e tests make days pass in every process)', () => {
  it('is the system time plus the file’s offset, following the file as it changes (read again 50 ms after the last read)', async () => {
    const file = join(dir, 'offset');
    writeFileSync(file, String(8 * DAY));
    const clock = new OffsetFileClock(file);
    expect(Math.abs(clock.now().getTime() - (Date.now() + 8 * DAY))).toBeLessThan(1000);
    writeFileSync(file, String(30 * DAY));
    await new Promise((r) => setTimeout(r, 80));
    expect(Math.abs(clock.now().getTime() - (Date.now() + 30 * DAY))).toBeLessThan(1000);
    writeFileSync(file, 'not a number');
    await new Promise((r) => setTimeout(r, 80));
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('is no offset while the file does not exist', () => {
    const clock = new OffsetFileClock(join(dir, 'absent'));
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('is refused by a production start; without the variable the clock is the system’s', () => {
    expect(resolveClock({ NODE_ENV: 'development' })).toBe(systemClock);
    expect(() => resolveClock({ NODE_ENV: 'production', CLOCK_OFFSET_FILE: '/tmp/x' })).toThrow(ConfigError);
    const clock = resolveClock({ NODE_ENV: 'test', CLOCK_OFFSET_FILE: join(dir, 'absent') });
    expect(clock).toBeInstanceOf(OffsetFileClock);
    expect(() =>
      loadSubgraphConfig('points', {
        NODE_ENV: 'production',
        MONGODB_URI: 'mongodb://db/x',
        REDIS_URL: 'redis://r',
        INTERNAL_TOKEN_SECRET: 'x'.repeat(40),
        CLOCK_OFFSET_FILE: '/tmp/x',
      }),
    ).toThrow(/CLOCK_OFFSET_FILE: a production start keeps the system clock/);
  });
});
