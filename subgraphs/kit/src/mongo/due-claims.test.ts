import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type Connection, type Model, Schema } from 'mongoose';
import { ManualClock } from '../clock.js';
import { currentStats, newStats, runWithStats } from '../context.js';
import { type TestEnv, startTestEnv } from '../testing/harness.js';
import { DueClaims, type DueWork, backoffDelay, dueFields } from './due-claims.js';
import { modelOn } from './connection.js';
import { createRegistry } from '../metrics.js';

interface Job extends DueWork {
  _id: string;
  kind: string;
  status?: string;
  sent?: number;
  note?: string;
}

let env: TestEnv;
let db: Connection;
let jobs: Model<Job>;
const clock = new ManualClock('2026-03-10T00:00:00.000Z');
const at = (ms: number) => new Date(clock.now().getTime() + ms);
const claims = (owner: string) =>
  new DueClaims<Job>(jobs, { owner, leaseMs: 60_000, clock, backoff: { baseMs: 1_000, maxMs: 8_000 } });
const job = (id: string, dueAt: Date | null, more: Partial<Job> = {}): Job => ({
  _id: id,
  kind: 'send',
  dueAt,
  attempts: 0,
  leaseUntil: null,
  leaseOwner: null,
  ...more,
});
const ids = (docs: Job[]) => docs.map((j) => j._id);
const stored = (id: string) => jobs.findById(id).lean<Job>();
/** counts the driver's `name` commands until `stop()` */
const countCommands = (name: string) => {
  const seen = { count: 0, stop: () => db.getClient().off('commandStarted', on) };
  const on = (ev: { commandName: string }) => void (ev.commandName === name && seen.count++);
  db.getClient().on('commandStarted', on);
  return seen;
};

beforeAll(async () => {
  env = await startTestEnv();
  db = (await env.deps('due')).db;
  const schema = new Schema<Job>(
    { _id: String, kind: String, status: String, sent: Number, note: String, ...dueFields },
    { versionKey: false },
  );
  schema.index({ dueAt: 1 });
  jobs = modelOn(db, 'DueJob', schema, 'due_jobs');
  await jobs.init();
});
afterAll(() => env.close());
beforeEach(async () => {
  clock.set('2026-03-10T00:00:00.000Z');
  await jobs.deleteMany({});
});

describe('the scheduler backlog (zt_due_backlog)', () => {
  it('counts what is due now and held by nobody', async () => {
    await jobs.insertMany([
      job('due', at(-1_000)),
      job('held', at(-1_000), { leaseOwner: 'b', leaseUntil: at(5_000) }),
      job('later', at(5_000)),
      job('done', null),
    ]);
    claims('a');
    const text = await createRegistry({ defaultMetrics: false }).metrics();
    expect(text).toMatch(/^zt_due_backlog\{collection="due_jobs"\} 1$/m);
  });
});

describe('DueClaims.claimDue', () => {
  it('claims only due, unleased records matching the filter, oldest first, up to the limit', async () => {
    await jobs.insertMany([
      job('late', at(-1_000)),
      job('early', at(-5_000)),
      job('now', at(0)),
      job('future', at(5_000)),
      job('none', null),
      job('other', at(-9_000), { kind: 'other' }),
      job('held', at(-8_000), { leaseOwner: 'b', leaseUntil: at(1) }),
      job('lapsed', at(-7_000), { leaseOwner: 'b', leaseUntil: at(-1) }),
    ]);
    const a = claims('a');
    expect(await a.claimDue({ kind: 'send' }, 0)).toEqual([]); // not "no limit"
    // the caller's own $or and dueAt conditions are kept, not replaced by the claim's
    expect(ids(await a.claimDue({ $or: [{ kind: 'other' }, { kind: 'nope' }] }, 10))).toEqual(['other']);
    const first = await a.claimDue({ kind: 'send' }, 2);
    expect(ids(first)).toEqual(['lapsed', 'early']);
    expect(first[0]).toMatchObject({ leaseOwner: 'a', leaseUntil: at(60_000) });
    expect(ids(await a.claimDue({ kind: 'send', dueAt: { $gt: at(-2_000) } }, 10))).toEqual(['late', 'now']);
    expect(await a.claimDue({ kind: 'send' }, 10)).toEqual([]);
    expect(await stored('held')).toMatchObject({ leaseOwner: 'b', leaseUntil: at(1) });
    expect(await stored('future')).toMatchObject({ leaseOwner: null });
  });

  it('two replicas racing claim every record exactly once', async () => {
    await jobs.insertMany(Array.from({ length: 200 }, (_, i) => job(`r-${i}`, at(-1 - (i % 50)))));
    const got: Record<string, string[]> = { a: [], b: [] };
    const updates = countCommands('findAndModify');
    // several loops per replica, out of step, each claiming until nothing is left unclaimed
    const drain = async ([owner, limit]: [string, number]) => {
      const replica = claims(owner);
      while (await jobs.exists({ leaseOwner: null }))
        got[owner].push(...ids(await replica.claimDue({}, limit)));
    };
    const loops: Array<[string, number]> = [
      ['b', 7],
      ['a', 15],
      ['b', 11],
      ['a', 5],
      ['b', 13],
      ['a', 9],
    ];
    await Promise.all(loops.map(drain));
    expect(await claims('a').claimDue({}, 200)).toEqual([]);
    updates.stop();
    const all = [...got.a, ...got.b];
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(got.a.length).toBeGreaterThan(0);
    expect(got.b.length).toBeGreaterThan(0);
    expect(updates.count).toBeGreaterThan(200); // they did race: some claims lost to the other replica
    const owners = await jobs.find({}, { leaseOwner: 1 }).lean<Job[]>();
    for (const { _id, leaseOwner } of owners) expect(got[leaseOwner!]).toContain(_id);
  });

  it('costs one find and one update per claimed record', async () => {
    await jobs.insertMany(Array.from({ length: 5 }, (_, i) => job(`c-${i}`, at(-i))));
    const names: string[] = [];
    const onCommand = (ev: { commandName: string }) => {
      if (currentStats() === stats) names.push(ev.commandName);
    };
    const stats = newStats();
    db.getClient().on('commandStarted', onCommand);
    try {
      expect(await runWithStats(stats, () => claims('a').claimDue({}, 10))).toHaveLength(5);
      expect(names).toEqual(['find', ...Array<string>(5).fill('findAndModify')]);
      expect(stats.dbRoundTrips).toBe(6);
      names.length = 0;
      expect(await runWithStats(stats, () => claims('a').claimDue({}, 10))).toEqual([]);
      expect(names).toEqual(['find']);
    } finally {
      db.getClient().off('commandStarted', onCommand);
    }
  });
});

describe('DueClaims holding a lease', () => {
  it('a holder that died lets its lease run out; its late writes are refused, not applied', async () => {
    await jobs.create(job('crash', at(-1)));
    const [a, b] = [claims('a'), claims('b')];
    expect(ids(await a.claimDue({}, 1))).toEqual(['crash']); // then "kill -9"
    clock.advance(59_999);
    expect(await b.claimDue({}, 1)).toEqual([]);
    clock.advance(1);
    expect(ids(await b.claimDue({}, 1))).toEqual(['crash']);
    expect(await a.complete('crash', { $set: { status: 'DONE', note: 'a' } })).toBe(false);
    expect(await a.retryLater('crash', new Error('late'))).toBe(false);
    expect(await a.deferTo('crash', at(999_999))).toBe(false);
    expect(await stored('crash')).toMatchObject({ leaseOwner: 'b', attempts: 0, dueAt: at(-60_001) });
    expect((await stored('crash'))?.note).toBeUndefined();
    expect(await b.complete('crash', { $set: { status: 'DONE', note: 'b', dueAt: null } })).toBe(true);
    expect(await stored('crash')).toMatchObject({ note: 'b', leaseOwner: null, leaseUntil: null });
  });

  it('complete applies the update and releases the lease; a completed record is not claimed again', async () => {
    await jobs.create(job('done', at(-1), { status: 'PENDING', sent: 0 }));
    const a = claims('a');
    expect(ids(await a.claimDue({ status: 'PENDING' }, 5))).toEqual(['done']);
    expect(await a.complete('done', { $set: { status: 'SENT' }, $inc: { sent: 1 } })).toBe(true);
    expect(await stored('done')).toMatchObject({
      status: 'SENT',
      sent: 1,
      leaseOwner: null,
      leaseUntil: null,
      dueAt: at(-1),
    });
    expect(await a.complete('done', { $inc: { sent: 1 } })).toBe(false); // no longer held
    clock.advance(3_600_000);
    expect(await a.claimDue({ status: 'PENDING' }, 5)).toEqual([]);
    expect(await claims('b').claimDue({ status: 'PENDING' }, 5)).toEqual([]);
    expect((await stored('done'))?.sent).toBe(1);
  });

  it('retryLater backs off from the attempts and keeps the error; deferTo counts no attempt', async () => {
    await jobs.create(job('flaky', at(-1)));
    const a = claims('a');
    for (const [attempts, delay] of [
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
      [4, 8_000],
      [5, 8_000],
    ]) {
      expect(ids(await a.claimDue({}, 1))).toEqual(['flaky']);
      expect(await a.retryLater('flaky', attempts % 2 ? new Error(`down ${attempts}`) : 'plain')).toBe(true);
      expect(await stored('flaky')).toMatchObject({
        attempts,
        dueAt: at(delay),
        lastError: attempts % 2 ? `down ${attempts}` : 'plain',
        leaseOwner: null,
        leaseUntil: null,
      });
      expect(await a.claimDue({}, 1)).toEqual([]); // not before its backoff
      clock.advance(delay);
    }
    expect(await claims('b').retryLater('flaky', 'not mine')).toBe(false);
    expect(ids(await a.claimDue({}, 1))).toEqual(['flaky']);
    expect(await a.deferTo('flaky', at(3_600_000))).toBe(true);
    expect(await stored('flaky')).toMatchObject({ attempts: 5, dueAt: at(3_600_000), leaseOwner: null });
    clock.advance(3_599_999);
    expect(await a.claimDue({}, 1)).toEqual([]);
    clock.advance(1);
    expect(await a.claimDue({}, 1)).toMatchObject([{ _id: 'flaky', attempts: 5 }]);
  });
});

describe('DueClaims.process', () => {
  it('runs the work on each claimed record, counts its true answers, retries a failure with backoff without reading it again', async () => {
    await jobs.create([
      job('ok', at(-3), { attempts: 2 }),
      job('boom', at(-2), { attempts: 2 }),
      job('skip', at(-1)),
    ]);
    const a = claims('a');
    const failed: string[] = [];
    const finds = countCommands('find');
    const round = await a.process(
      {},
      10,
      async (j) => {
        if (j._id === 'boom') throw new Error('down');
        await a.complete(j._id, { $set: { dueAt: null } });
        return j._id === 'ok';
      },
      (j, error) => failed.push(`${j._id}: ${(error as Error).message}`),
    );
    finds.stop();
    expect(round).toEqual({ claimed: 3, counted: 1 });
    expect(failed).toEqual(['boom: down']);
    expect(finds.count).toBe(1); // the candidates; the failure's attempts come from its claim
    expect(await stored('boom')).toMatchObject({
      attempts: 3,
      dueAt: at(4_000),
      lastError: 'down',
      leaseOwner: null,
    });
    expect(await a.claimDue({}, 10)).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base per failure up to the cap, without jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1_000, 8_000))).toEqual([
      1_000, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
    expect(backoffDelay(3, 30_000, 3_600_000)).toBe(120_000);
    expect(backoffDelay(5_000, 30_000, 3_600_000)).toBe(3_600_000);
    expect(backoffDelay(2, 500, 300)).toBe(300);
  });
});
