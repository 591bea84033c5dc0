import type { Connection } from 'mongoose';
import { type EmbeddedMongo, MemoryCache, connectMongo, startEmbeddedMongo } from '@zhongtai/subgraph-kit';
import { dayNumber, dayOfNumber } from '../domain/day-tree.js';
import { MetricTreeRepository } from '../store/metric-tree-repository.js';
import { OrderRepository } from '../store/order-repository.js';
import { MetricTree } from './metric-tree.js';

let store: EmbeddedMongo;
let db: Connection;
let repo: OrderRepository;
const replica = () => new MetricTree(new MetricTreeRepository(db));

beforeAll(async () => {
  store = await startEmbeddedMongo();
  db = await connectMongo({ uri: store.uri, dbName: 'metric_tree_test' });
  repo = new OrderRepository(db, new MemoryCache());
  await repo.init();
  await new MetricTreeRepository(db).init();
});
afterAll(async () => {
  await db.close();
  await store.stop();
});

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const START = dayNumber('2026-03-01');
const daysFrom = (first: number, n: number) => Array.from({ length: n }, (_, i) => dayOfNumber(first + i));

describe('the store metrics tree', () => {
  it('agrees with a brute-force count while two replicas settle the same days as orders keep changing them', async () => {
    const rnd = random(7);
    type Gen = { id: string; store: string; day: string; member: string; total: number; cancelled: boolean };
    const orders: Gen[] = Array.from({ length: 300 }, (_, i) => ({
      id: `o${i}`,
      store: rnd() < 0.5 ? 's1' : 's2',
      day: dayOfNumber(START + Math.floor(rnd() * 70)),
      member: `m${Math.floor(rnd() * 40)}`,
      total: 100 + Math.floor(rnd() * 900),
      cancelled: rnd() < 0.1,
    }));
    const joined = Array.from({ length: 25 }, (_, i) => ({
      storeId: rnd() < 0.5 ? 's1' : 's2',
      day: dayOfNumber(START + Math.floor(rnd() * 70)),
      memberId: `new${i}`,
    }));
    const [a, b] = [replica(), replica()];
    let writing = true;
    const settler = async (tree: MetricTree, store: string) => {
      while (writing) {
        await tree.settle('t', store, daysFrom(START, 70));
        await new Promise((r) => setTimeout(r, 3));
      }
    };
    const writes = (async () => {
      for (const [i, o] of orders.entries()) {
        const entry = { memberId: o.member, total: o.total, refunded: 0, repeat: false };
        await repo.applyToBuckets('t', [o.store, '*'], o.day, o.id, () => entry);
        if (i % 12 === 0) await repo.addNewMembers('t', joined.slice(i / 12, i / 12 + 1));
      }
      for (const o of orders.filter((x) => x.cancelled))
        await repo.applyToBuckets('t', [o.store, '*'], o.day, o.id, (prev) => ({
          ...prev!,
          cancelled: true,
        }));
      writing = false;
    })();
    await Promise.all([writes, settler(a, '*'), settler(b, '*'), settler(a, 's1'), settler(b, 's1')]);

    const brute = (store: string, days: string[]) => {
      const mine = orders.filter((o) => (store === '*' || o.store === store) && days.includes(o.day));
      const counted = mine.filter((o) => !o.cancelled);
      return {
        orderCount: counted.length,
        revenue: counted.reduce((n, o) => n + o.total, 0),
        identifiedCustomers: new Set(counted.map((o) => o.member)).size,
        newMembers: joined.filter((j) => (store === '*' || j.storeId === store) && days.includes(j.day))
          .length,
        repeatPurchaseShare: 0,
      };
    };
    for (const [first, n] of [
      [0, 70],
      [3, 31],
      [17, 1],
      [20, 45],
      [-10, 30],
    ])
      for (const store of ['*', 's1', 's2']) {
        const days = daysFrom(START + first, n);
        const want = brute(store, days);
        expect(await a.metrics('t', store, days[0], days[days.length - 1])).toEqual(want);
        expect(await b.metrics('t', store, days[0], days[days.length - 1])).toEqual(want);
      }
  });

  it('catches up in the background only on days left alone, and then reads a period in two commands', async () => {
    const tree = replica();
    const day = dayOfNumber(START + 200);
    await repo.applyToBuckets('t', ['s3', '*'], day, 'quiet-1', () => ({
      memberId: 'q1',
      total: 500,
      refunded: 0,
      repeat: false,
    }));
    const treeRepo = new MetricTreeRepository(db);
    expect(await tree.settleQuiet(60_000)).toBe(0);
    expect(await treeRepo.dirtyDays('t', 's3', day, day)).toEqual([day]);
    expect(await tree.settleQuiet(0)).toBeGreaterThanOrEqual(2);
    expect(await treeRepo.dirtyDays('t', 's3', day, day)).toEqual([]);

    const commands: string[] = [];
    const listen = (ev: { commandName: string }) => commands.push(ev.commandName);
    db.getClient().on('commandStarted', listen);
    try {
      const m = await tree.metrics('t', 's3', dayOfNumber(START + 20), dayOfNumber(START + 385));
      expect(m).toMatchObject({ orderCount: 1, revenue: 500, identifiedCustomers: 1 });
    } finally {
      db.getClient().off('commandStarted', listen);
    }
    // the days behind (none), then the few nodes that cover a year
    expect(commands).toEqual(['find', 'find']);
  });

  it('leaves its days caught up when a new member is recorded again (a redelivered event)', async () => {
    const tree = replica();
    const treeRepo = new MetricTreeRepository(db);
    const day = dayOfNumber(START + 250);
    const joined = [{ storeId: 's5', day, memberId: 'again-1' }];
    await repo.addNewMembers('t', joined);
    expect(await treeRepo.dirtyDays('t', 's5', day, day)).toEqual([day]);
    expect((await tree.metrics('t', 's5', day, day)).newMembers).toBe(1);
    expect((await tree.metrics('t', '*', day, day)).newMembers).toBe(1);
    await repo.addNewMembers('t', joined);
    expect(await treeRepo.dirtyDays('t', 's5', day, day)).toEqual([]);
    expect(await treeRepo.dirtyDays('t', '*', day, day)).toEqual([]);
    expect((await tree.metrics('t', '*', day, day)).newMembers).toBe(1);
  });

  it('marks the buckets of a store that had no tree behind once, so their metrics are built', async () => {
    const day = dayOfNumber(START + 300);
    await db.collection('store_days').insertOne({
      _id: `t|s4|${day}` as never,
      tenant: 't',
      storeId: 's4',
      day,
      orderCount: 2,
      revenue: 700,
      repeatCount: 1,
      customers: { old1: 2 },
    });
    await db.collection('store_metric_tree').deleteOne({ _id: '#buckets-versioned' as never });
    await new MetricTreeRepository(db).init();
    expect(await replica().metrics('t', 's4', day, day)).toEqual({
      orderCount: 2,
      revenue: 700,
      identifiedCustomers: 1,
      newMembers: 0,
      repeatPurchaseShare: 0.5,
    });
  });
});
