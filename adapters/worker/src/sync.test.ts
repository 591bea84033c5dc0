import { describe, expect, it } from '@jest/globals';
import { type SyncCounts, startLegacyJobs, syncLegacy } from './sync.js';

const runtime = {
  sink: {} as never,
  checkpoints: { get: async () => null, set: async () => undefined } as never,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the pull sync', () => {
  it('pulls nothing from systems that are not configured', async () => {
    expect(await syncLegacy(runtime, { adapters: {} })).toEqual({
      members: 0,
      balances: 0,
      posRecords: 0,
      omsRecords: 0,
      couponsRefused: 0,
    });
  });

  it('runs its passes only while its replica holds the lease, and stopping waits for the pass', async () => {
    let held = false;
    const passes: SyncCounts[] = [];
    const stop = startLegacyJobs(
      runtime,
      { adapters: {} },
      {
        everyMs: 10,
        onError: (e) => void passes.push(e as never),
        lease: { held: () => held },
        onPass: (c) => void passes.push(c),
      },
    );
    await sleep(60);
    expect(passes).toEqual([]);
    held = true;
    for (let waited = 0; passes.length < 2 && waited < 2_000; waited += 10) await sleep(10);
    expect(passes.length).toBeGreaterThan(1);
    await stop();
    const after = passes.length;
    await sleep(40);
    expect(passes.length).toBe(after);
  });
});
