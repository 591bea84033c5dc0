import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Model, Schema } from 'mongoose';
import { ManualClock } from '../clock.js';
import { type TestEnv, startTestEnv } from '../testing/harness.js';
import { DueClaims, type DueWork, backoffDelay, dueFields } from './due-claims.js';
import { modelOn } from './connection.js';

interface Job extends DueWork {
  _id: string;
  kind: string;
  done?: boolean;
}

let env: TestEnv;
let jobs: Model<Job>;
const clock = new ManualClock('2026-03-10T00:00:00.000Z');
const at = (ms: number) => new Date(clock.now().getTime() + ms);
const claims = (owner: string) =>
  new DueClaims<Job>(jobs, { owner, leaseMs: 60_000, clock, backoff: { baseMs: 1_000, maxMs: 8_000 } });
const job = (id: string, dueAt: Date | null, kind = 'send'): Job => ({
  _id: id,
  kind,
  dueAt,
  attempts: 0,
  leaseUntil: null,
  leaseOwner: null,
});

beforeAll(async () => {
  env = await startTestEnv();
  const schema = new Schema<Job>(
    { _id: String, kind: String, done: Boolean, ...dueFields },
    { versionKey: false },
  );
  schema.index({ dueAt: 1 });
  jobs = modelOn((await env.deps('due')).db, 'DueJob', schema, 'due_jobs');
});
afterAll(() => env.close());

describe('DueClaims', () => {
  it('claims only due records matching the filter, oldest first, up to the limit', async () => {
    await jobs.insertMany([
      job('j-late', at(-1_000)),
      job('j-early', at(-5_000)),
      job('j-future', at(5_000)),
      job('j-none', null),
      job('j-other', at(-9_000), 'other'),
    ]);
    const got = await claims('a').claimDue({ kind: 'send' }, 1);
    expect(got.map((j) => j._id)).toEqual(['j-early']);
    expect(got[0]).toMatchObject({ leaseOwner: 'a' });
    expect((await claims('a').claimDue({ kind: 'send' }, 10)).map((j) => j._id)).toEqual(['j-late']);
    await jobs.deleteMany({});
  });

  it('two replicas racing claim every record exactly once', async () => {
    await jobs.insertMany(Array.from({ length: 200 }, (_, i) => job(`r-${i}`, at(-i))));
    const a = claims('a');
    const b = claims('b');
    const rounds = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).claimDue({ kind: 'send' }, 60)),
    );
    const ids = rounds.flat().map((j) => j._id);
    expect(new Set(ids).size).toBe(ids.length);
    const more = [...(await a.claimDue({ kind: 'send' }, 200)), ...(await b.claimDue({ kind: 'send' }, 200))];
    expect(ids.length + more.length).toBe(200);
    await jobs.deleteMany({});
  });

  it('a holder that died lets its lease run out; its late complete is refused', async () => {
    await jobs.create(job('crash', at(-1)));
    const a = claims('a');
    const b = claims('b');
    expect(await a.claimDue({}, 1)).toHaveLength(1); // then "kill -9"
    expect(await b.claimDue({}, 1)).toHaveLength(0);
    clock.advance(60_001);
    expect((await b.claimDue({}, 1)).map((j) => j._id)).toEqual(['crash']);
    expect(await a.complete('crash', { $set: { done: true } })).toBe(false);
    expect(await b.complete('crash', { $set: { done: true, dueAt: null } })).toBe(true);
    expect(await jobs.findById('crash').lean()).toMatchObject({
      done: true,
      leaseOwner: null,
      leaseUntil: null,
    });
    clock.advance(120_000);
    expect(await b.claimDue({}, 1)).toHaveLength(0); // done: nothing due
    await jobs.deleteMany({});
  });

  it('retries later with backoff and the error kept; deferring counts no attempt', async () => {
    await jobs.create(job('flaky', at(-1)));
    const a = claims('a');
    await a.claimDue({}, 1);
    expect(await a.retryLater('flaky', new Error('gateway down'))).toBe(true);
    expect(await jobs.findById('flaky').lean()).toMatchObject({
      attempts: 1,
      dueAt: at(1_000),
      lastError: 'gateway down',
    });
    clock.advance(1_000);
    await a.claimDue({}, 1);
    await a.retryLater('flaky', 'again');
    expect(await jobs.findById('flaky').lean()).toMatchObject({ attempts: 2, dueAt: at(2_000) });
    clock.advance(2_000);
    await a.claimDue({}, 1);
    expect(await a.deferTo('flaky', at(3_600_000))).toBe(true);
    expect(await jobs.findById('flaky').lean()).toMatchObject({
      attempts: 2,
      dueAt: at(3_600_000),
      leaseOwner: null,
    });
    expect(await claims('b').retryLater('flaky', 'not mine')).toBe(false);
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1_000, 8_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });
});
