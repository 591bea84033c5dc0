import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Connection } from 'mongoose';
import { type TestEnv, startTestEnv } from '../testing/harness.js';
import { Lease } from './lease.js';

let env: TestEnv;
let db: Connection;
let t = 1_000_000;
const now = () => t;
const lease = (holder: string, name = 'jobs') => new Lease(db, name, { holder, ttlMs: 30_000, now });

beforeAll(async () => {
  env = await startTestEnv();
  db = (await env.deps('lease')).db;
});
afterAll(() => env.close());
beforeEach(async () => {
  t = 1_000_000;
  await db.collection('leases').deleteMany({});
});

describe('Lease', () => {
  it('has one holder at a time; a stand-by takes over only once the holder stopped renewing', async () => {
    const a = lease('a');
    const b = lease('b');
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect([a.held(), b.held()]).toEqual([true, false]);
    t += 20_000;
    expect(await a.tryAcquire()).toBe(true); // renewed: 30 s from now
    t += 20_000;
    expect(await b.tryAcquire()).toBe(false);
    t += 10_001; // a's lease ran out
    expect(a.held()).toBe(false);
    expect(await b.tryAcquire()).toBe(true);
    expect(await a.tryAcquire()).toBe(false);
    const doc = await db.collection('leases').findOne({ _id: 'jobs' as never });
    expect(doc).toMatchObject({ holder: 'b', term: 2 });
  });

  it('stops counting itself the holder a tenth of the ttl before the others may take over', async () => {
    const a = lease('a');
    await a.tryAcquire();
    t += 26_999;
    expect(a.held()).toBe(true);
    t += 1;
    expect(a.held()).toBe(false);
  });

  it('two processes asking at once: exactly one gets it', async () => {
    const all = ['a', 'b', 'c', 'd'].map((h) => lease(h));
    const got = await Promise.all(all.map((l) => l.tryAcquire()));
    expect(got.filter(Boolean)).toHaveLength(1);
  });

  it('keeps leases of different names apart, and hands over at once on release', async () => {
    const a = lease('a');
    expect(await a.tryAcquire()).toBe(true);
    expect(await lease('b', 'other').tryAcquire()).toBe(true);
    await a.release();
    expect(a.held()).toBe(false);
    expect(await lease('b').tryAcquire()).toBe(true);
  });

  it('tells its listeners when it becomes and stops being the holder (start / stop)', async () => {
    const heard: string[] = [];
    const a = new Lease(db, 'jobs', { holder: 'a', ttlMs: 30_000, renewMs: 60_000 });
    const b = new Lease(db, 'jobs', { holder: 'b', ttlMs: 30_000, renewMs: 60_000 });
    a.onChange((held) => void heard.push(`a:${held}`));
    b.onChange((held) => void heard.push(`b:${held}`));
    await a.start();
    await b.start();
    expect(heard).toEqual(['a:true']);
    await a.stop(); // gives the lease up
    expect(heard).toEqual(['a:true', 'a:false']);
    expect(await b.tryAcquire()).toBe(true);
    await b.stop();
    expect(await db.collection('leases').findOne({ _id: 'jobs' as never })).toMatchObject({ holder: 'b' });
  });
});
