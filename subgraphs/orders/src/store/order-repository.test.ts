import type { Connection } from 'mongoose';
import { type EmbeddedMongo, MemoryCache, connectMongo, startEmbeddedMongo } from '@zhongtai/subgraph-kit';
import { MetricTree } from '../service/metric-tree.js';
import { MetricTreeRepository } from './metric-tree-repository.js';
import { OrderRepository } from './order-repository.js';

let store: EmbeddedMongo;
let db: Connection;
let repo: OrderRepository;
let treeRepo: MetricTreeRepository;
let tree: MetricTree;

beforeAll(async () => {
  store = await startEmbeddedMongo();
  db = await connectMongo({ uri: store.uri, dbName: 'orders_repo_test' });
  repo = new OrderRepository(db, new MemoryCache());
  await repo.init();
  treeRepo = new MetricTreeRepository(db);
  await treeRepo.init();
  tree = new MetricTree(treeRepo);
});
afterAll(async () => {
  await db.close();
  await store.stop();
});

const metrics = (storeId: string, day: string) => tree.metrics('t', storeId, day, day);

describe('bucket contributions (compare-and-set)', () => {
  it('count an order once however often and however concurrently it is applied', async () => {
    const entry = { memberId: 'm1', total: 1000, refunded: 0, repeat: false };
    await Promise.all(
      Array.from({ length: 20 }, () =>
        repo.applyToBuckets('t', ['s1', '*'], '2026-01-01', 'o1', () => entry),
      ),
    );
    for (const s of ['s1', '*'])
      expect(await metrics(s, '2026-01-01')).toMatchObject({
        orderCount: 1,
        revenue: 1000,
        identifiedCustomers: 1,
      });
  });

  it('move the totals by the difference when a contribution changes, whoever wins the race', async () => {
    const day = '2026-01-02';
    await repo.applyToBuckets('t', ['s1'], day, 'o2', () => ({
      memberId: 'm2',
      total: 5000,
      refunded: 0,
      repeat: false,
    }));
    await repo.applyToBuckets('t', ['s1'], day, 'o3', () => ({
      memberId: 'm2',
      total: 2000,
      refunded: 0,
      repeat: true,
    }));
    // a refund, a re-mark as repeat and redeliveries of both, all at once
    await Promise.all([
      ...Array.from({ length: 5 }, () =>
        repo.applyToBuckets('t', ['s1'], day, 'o2', (prev) => (prev ? { ...prev, refunded: 1500 } : null)),
      ),
      ...Array.from({ length: 5 }, () =>
        repo.applyToBuckets('t', ['s1'], day, 'o2', (prev) =>
          prev && !prev.repeat ? { ...prev, repeat: true } : null,
        ),
      ),
    ]);
    expect(await metrics('s1', day)).toEqual({
      orderCount: 2,
      revenue: 5000 - 1500 + 2000,
      identifiedCustomers: 1,
      newMembers: 0,
      repeatPurchaseShare: 1,
    });
    // cancelling one order takes it out; the member still counts through the other
    await repo.applyToBuckets('t', ['s1'], day, 'o3', (prev) => ({ ...prev!, cancelled: true }));
    expect(await metrics('s1', day)).toMatchObject({ orderCount: 1, revenue: 3500, identifiedCustomers: 1 });
    await repo.applyToBuckets('t', ['s1'], day, 'o2', (prev) => ({ ...prev!, cancelled: true }));
    expect(await metrics('s1', day)).toMatchObject({ orderCount: 0, revenue: 0, identifiedCustomers: 0 });
  });

  it('leave a bucket alone when there is nothing to re-mark', async () => {
    await repo.applyToBuckets('t', ['s9'], '2026-01-03', 'nope', (prev) =>
      prev ? { ...prev, repeat: true } : null,
    );
    expect(await treeRepo.dirtyDays('t', 's9', '2026-01-03', '2026-01-03')).toEqual([]);
    expect(await metrics('s9', '2026-01-03')).toMatchObject({ orderCount: 0 });
  });
});
