import mongoose from 'mongoose';
import { type NormalisedOrder, type NormalisedRefund } from '@zhongtai/contracts';
import { createAdapterRuntime } from '@zhongtai/adapter-kit';
import { postGraphQL, silentLogger, testToken } from '@zhongtai/subgraph-kit';
import { legacyWorldData } from '../legacy/legacy-data.js';
import { startLegacyJobs, startWebhookHost, syncLegacy } from '@zhongtai/adapter-worker';
import { startLegacyWorld } from '../legacy/world.js';
import { startTestPlatform } from '../test-platform.js';
import { DEMO_TENANT } from '../seed/catalog.js';
import { seedMasterData } from '../seed/demo.js';

/**
 * Fault run 3: every legacy system goes down in turn (its simulator stopped, then started again on
 * the same address) while the adapters sync every 300 ms and the OMS and WeChat push. Afterwards the
 * platform holds each legacy record exactly once: every member, balance, sale and online order, the
 * ledger reconciles, and nothing is left dead-lettered. Bounded: under a minute, loopback only.
 */
type Record_ = NormalisedOrder | NormalisedRefund;
const isOrder = (r: Record_): r is NormalisedOrder => !('refundId' in r);

it('takes every legacy record exactly once while each legacy system goes down and comes back', async () => {
  const data = legacyWorldData({ members: 20, posSales: 80, onlineOrders: 60, followers: 10 });
  const world = await startLegacyWorld(data);
  const platform = await startTestPlatform({
    dbPrefix: `legacyfaults${Date.now()}`,
    wms: world.adapters.wms,
  });
  const runtime = await createAdapterRuntime({
    mongoUri: platform.mongoUri,
    call: platform.callAs('adapters'),
    tenant: DEMO_TENANT,
  });
  const hooks = await startWebhookHost(runtime, world, silentLogger());
  const table: string[] = [
    '| system | down for | sync rounds failed while down | back |',
    '|---|---:|---:|---|',
  ];
  try {
    await seedMasterData({ call: platform.callAs('seed') });
    let failures = 0;
    const stopJobs = startLegacyJobs(runtime, world, { everyMs: 300, onError: () => void failures++ });
    for (const name of ['crm', 'pos', 'oms', 'wms', 'wechat', 'notify'] as const) {
      const sim = world.sims[name];
      const port = Number(new URL(sim.url).port);
      const before = failures;
      await sim.stop(); // the system goes away mid-sync
      if (name === 'oms')
        await world.sims.oms
          .pushWebhooks(`${hooks.url}/webhooks/oms`, { duplicateRate: 0.2, shuffle: true })
          .catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1500));
      await sim.start(port);
      table.push(`| ${name} | 1.5 s | ${failures - before} | ${sim.running ? 'yes' : 'no'} |`);
      await new Promise((r) => setTimeout(r, 700));
    }
    await stopJobs();
    // after the storm: one more pass of everything, the pushes again (some twice, shuffled)
    for (let attempt = 0; ; attempt++) {
      try {
        await syncLegacy(runtime, world);
        break;
      } catch (error) {
        if (attempt > 10) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await world.sims.oms.pushWebhooks(`${hooks.url}/webhooks/oms`, { duplicateRate: 0.3, shuffle: true });
    await world.sims.wechat.pushEvents(`${hooks.url}/webhooks/wechat`, { duplicateRate: 0.3, shuffle: true });
    await platform.drain(30_000);

    const hq = await testToken({ role: 'HQ' });
    const recon = await postGraphQL<{ pointsReconciliation: { checked: number; mismatches: unknown[] } }>(
      platform.gatewayUrl,
      '{ pointsReconciliation { checked mismatches { memberId } } }',
      {},
      hq,
    );
    const census = await count(platform.mongoUri);
    const orders = new Set(
      [...data.pos, ...data.oms].filter(isOrder).map((o) => `${o.source}|${o.externalId}`),
    );
    const refunds = new Set(
      [...data.pos, ...data.oms].filter((r) => !isOrder(r)).map((r) => (r as NormalisedRefund).refundId),
    );
    console.log(
      [
        `fault run (legacy systems down in turn, sync every 300 ms): ${failures} failed sync rounds in all`,
        table.join('\n'),
        `platform: ${JSON.stringify(census)}; legacy: ${data.crm.members.length} members, ${data.crm.balances.length} balances, ${orders.size} orders, ${refunds.size} refunds`,
      ].join('\n'),
    );
    expect(census.orders).toBe(orders.size);
    expect(census.refunds).toBe(refunds.size);
    expect(census.openingBalances).toBe(data.crm.balances.length);
    expect(census.crmIdentities).toBe(data.crm.members.length);
    expect(recon.data!.pointsReconciliation.mismatches).toEqual([]);
    expect(await platform.bus.deadLetters()).toEqual([]);
  } finally {
    await hooks.stop();
    await platform.stop();
    await runtime.close();
    await world.stop();
  }
}, 180_000);

/** What the platform's own databases hold (the test looks from outside the API for exact counts). */
async function count(uri: string) {
  const client = await mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 3000 });
  try {
    const dbs = (await client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    const db = (suffix: string) =>
      client.db(dbs.find((n) => n.startsWith('legacyfaults') && n.endsWith(suffix))!);
    return {
      orders: await db('_orders').collection('orders').countDocuments(),
      refunds: await db('_orders').collection('refunds').countDocuments(),
      openingBalances: await db('_points').collection('opening_balances').countDocuments(),
      // a CRM member's card is also its POS identity (STORE): one member per CRM number
      crmIdentities: (
        await db('_member').collection('identities').distinct('externalId', { externalId: /^CRM/ })
      ).length,
    };
  } finally {
    await client.close();
  }
}
