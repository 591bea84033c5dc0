import { type TestEnv, startTestEnv } from '@zhongtai/subgraph-kit';
import { type CounterKey, LimitCounters } from './limit-counters.js';

let env: TestEnv;
let counters: LimitCounters;
const c = (subject: string, day = '2026-05-03'): CounterKey => ({
  tenant: 'demo',
  kind: 'member',
  subject,
  day,
});

beforeAll(async () => {
  env = await startTestEnv();
  counters = new LimitCounters((await env.deps('points')).db);
  await counters.init();
});
afterAll(async () => env.close());

describe('LimitCounters', () => {
  it('reserves up to the cap, refuses past it with what is used, and releases', async () => {
    expect(await counters.reserve(c('a'), 600, 1000)).toEqual({ ok: true });
    expect(await counters.reserve(c('a'), 500, 1000)).toEqual({ ok: false, used: 600 });
    expect(await counters.reserve(c('a'), 400, 1000)).toEqual({ ok: true });
    expect(await counters.reserve(c('a'), 1, 1000)).toEqual({ ok: false, used: 1000 });
    await counters.release(c('a'), 400);
    expect(await counters.used(c('a'))).toBe(600);
    // a grant larger than the cap never creates the counter
    expect(await counters.reserve(c('b'), 1001, 1000)).toEqual({ ok: false, used: 0 });
    expect(await counters.used(c('b'))).toBe(0);
    // another day is another counter
    expect(await counters.reserve(c('a', '2026-05-04'), 1000, 1000)).toEqual({ ok: true });
  });

  it('60 parallel reservations of 100 against a fresh cap of 1,000: exactly 10 succeed', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, () => counters.reserve(c('race'), 100, 1000)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(await counters.used(c('race'))).toBe(1000);
  });

  it('sweeps the counters of past days', async () => {
    await counters.reserve(c('old', '2026-04-01'), 1, 10);
    expect(await counters.sweepBefore('2026-05-01')).toBe(1);
    expect(await counters.used(c('old', '2026-04-01'))).toBe(0);
    expect(await counters.used(c('race'))).toBe(1000);
  });
});
