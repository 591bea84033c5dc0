import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { createAdapterRuntime } from '@zhongtai/adapter-kit';
import { postGraphQL, silentLogger, testToken } from '@zhongtai/subgraph-kit';
import { DEMO_CLOCK_FILE, demoWorldClock } from './legacy/demo-clock.js';
import { legacyWorldData } from './legacy/legacy-data.js';
import { startWebhookHost, syncLegacy } from '@zhongtai/adapter-worker';
import { startLegacyWorld } from './legacy/world.js';
import { startTestPlatform } from './test-platform.js';
import { startMainProcess } from './testing/main-process.js';
import { DEMO_TENANT } from './seed/catalog.js';
import { seedMasterData } from './seed/demo.js';

/**
 * `DATA_DIR=./data npm start`, Ctrl-C (or kill -9), the same command again: it starts, and the data
 * it answers is what was there — the demo seed and the legacy sync replay the very requests they
 * made before (same keys, same bodies), so nothing is doubled.
 */
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'zt-restart-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Documents per collection of every database, and the points balances. */
async function census(uri: string) {
  const client = await mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 3000 });
  try {
    const counts: Record<string, number> = {};
    const { databases } = await client.db('admin').admin().listDatabases();
    for (const { name } of databases) {
      const db = client.db(name);
      for (const { name: coll } of await db.listCollections().toArray())
        counts[`${name}.${coll}`] = await db.collection(coll).countDocuments();
    }
    const accounts = await client
      .db('zhongtai_points')
      .collection<{ memberId: string; balance: number }>('accounts')
      .find({}, { projection: { _id: 0, memberId: 1, balance: 1 } })
      .toArray();
    const balances = Object.fromEntries(accounts.map((a) => [a.memberId, a.balance]));
    return { counts, balances };
  } finally {
    await client.close();
  }
}

describe('a restart on the same DATA_DIR', () => {
  /** What `npm start` does with SEED_DEMO (main.ts), on a smaller legacy world. */
  async function startDemo(dataDir: string) {
    const now = await demoWorldClock({ dataDir });
    const world = await startLegacyWorld(
      legacyWorldData({ now, members: 12, posSales: 40, onlineOrders: 30, followers: 6 }),
    );
    const platform = await startTestPlatform({
      dataDir,
      wms: world.adapters.wms,
    });
    await seedMasterData({ call: platform.callAs('seed') });
    const runtime = await createAdapterRuntime({
      mongoUri: platform.mongoUri,
      call: platform.callAs('adapters'),
      tenant: DEMO_TENANT,
    });
    await syncLegacy(runtime, world);
    const hooks = await startWebhookHost(runtime, world, silentLogger());
    await world.sims.oms.pushWebhooks(`${hooks.url}/webhooks/oms`, { duplicateRate: 0.2, shuffle: true });
    await world.sims.wechat.pushEvents(`${hooks.url}/webhooks/wechat`, { duplicateRate: 0.3, shuffle: true });
    await platform.drain();
    const seen = await census(platform.mongoUri);
    await hooks.stop();
    await platform.stop();
    await runtime.close();
    await world.stop();
    return seen;
  }

  it('replays the demo seed and the legacy sync without a conflict and without doubling anything', async () => {
    const dir = await tempDir();
    const first = await startDemo(dir);
    const clock = await readFile(join(dir, DEMO_CLOCK_FILE), 'utf8');
    expect(Object.keys(first.balances).length).toBeGreaterThan(10);
    expect(first.counts['zhongtai_orders.orders']).toBeGreaterThan(50);
    // a later start, by the clock: the legacy systems' history must not move with it
    const second = await startDemo(dir);
    expect(await readFile(join(dir, DEMO_CLOCK_FILE), 'utf8')).toBe(clock);
    expect(second.balances).toEqual(first.balances);
    expect(second.counts).toEqual(first.counts);
  }, 120_000);
});

const startMain = (dataDir: string) => startMainProcess({ DATA_DIR: dataDir, SEED_DEMO: 'false' });

const IDENTIFY = 'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }';
const OPENING = 'mutation($i: OpeningBalanceInput!) { importOpeningBalance(input: $i) { id } }';
const READ = 'query($ids: [ID!]!) { membersByIds(ids: $ids) { id displayName phone points { balance } } }';

describe('npm start (embedded/dist/main.js) on the same DATA_DIR', () => {
  it('starts and answers the same data after Ctrl-C, and after kill -9', async () => {
    const dir = await tempDir();
    const system = await testToken({ role: 'SYSTEM' });
    const ids: string[] = [];
    const write = async (url: string, from: number, to: number) => {
      for (let n = from; n < to; n++) {
        const r = await postGraphQL<{ identifyMember: { member: { id: string } } }>(
          url,
          IDENTIFY,
          {
            i: {
              channel: 'APP',
              externalId: `app-${n}`,
              phone: `1391000${String(n).padStart(4, '0')}`,
              displayName: `M${n}`,
            },
          },
          system,
        );
        expect(r.errors).toBeUndefined();
        const memberId = r.data!.identifyMember.member.id;
        ids.push(memberId);
        const o = await postGraphQL(
          url,
          OPENING,
          {
            i: {
              memberId,
              points: 100 * (n + 1),
              source: 'crm',
              legacyRef: `L${n}`,
              asOf: '2026-01-01T00:00:00Z',
            },
          },
          system,
        );
        expect(o.errors).toBeUndefined();
      }
    };
    const read = async (url: string) => {
      const r = await postGraphQL<{ membersByIds: unknown[] }>(url, READ, { ids }, system);
      expect(r.errors).toBeUndefined();
      return r.data!.membersByIds;
    };

    let app = await startMain(dir);
    await write(app.url, 0, 5);
    const beforeInt = await read(app.url);
    expect(beforeInt).toHaveLength(5);
    expect(await app.signal('SIGINT')).toBe(0);

    app = await startMain(dir);
    expect(await read(app.url)).toEqual(beforeInt);
    await write(app.url, 5, 10);
    const beforeKill = await read(app.url);
    // killed right after the last answer: whatever was acknowledged is in the journal
    expect(await app.signal('SIGKILL')).toBe('SIGKILL');

    app = await startMain(dir);
    expect(await read(app.url)).toEqual(beforeKill);
    expect(beforeKill).toHaveLength(10);
    expect(await app.signal('SIGINT')).toBe(0);
  }, 120_000);
});
