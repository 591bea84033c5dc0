import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedMongo } from '@zhongtai/subgraph-kit';
import { DEMO_CLOCK_FILE, demoWorldClock } from './demo-clock.js';
import { legacyWorldData } from './legacy-data.js';

describe('the demo world clock', () => {
  it('keeps the instant of the first start in DATA_DIR and gives it back later', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zt-clock-'));
    try {
      const first = await demoWorldClock({ dataDir: dir, now: Date.parse('2026-05-01T08:00:00.123Z') });
      expect(first).toBe(Date.parse('2026-05-01T08:00:00.123Z'));
      expect(JSON.parse(await readFile(join(dir, DEMO_CLOCK_FILE), 'utf8'))).toEqual({
        now: '2026-05-01T08:00:00.123Z',
      });
      expect(await demoWorldClock({ dataDir: dir, now: Date.parse('2026-06-01T00:00:00Z') })).toBe(first);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps it in an external store when the platform uses one', async () => {
    const store = await startEmbeddedMongo();
    try {
      const first = await demoWorldClock({ mongoUri: store.uri, now: 1_000_000 });
      expect(await demoWorldClock({ mongoUri: store.uri, now: 2_000_000 })).toBe(first);
      expect(first).toBe(1_000_000);
    } finally {
      await store.stop();
    }
  });

  it('is now without either (the store starts empty)', async () => {
    expect(await demoWorldClock({ now: 42 })).toBe(42);
  });

  it('builds the same world from the same instant, record for record', () => {
    const now = Date.parse('2026-05-01T08:00:00.123Z');
    expect(legacyWorldData({ now })).toEqual(legacyWorldData({ now }));
    expect(legacyWorldData({ now: now + 1000 })).not.toEqual(legacyWorldData({ now }));
  });
});
