import { createAdapterRuntime } from '@zhongtai/adapter-kit';
import { DEMO_WECHAT_TEMPLATES } from '@zhongtai/adapter-wechat-mp';
import { ManualClock, TEST_JWT, postGraphQL, silentLogger, testToken } from '@zhongtai/subgraph-kit';
import type { Platform } from '../platform.js';
import { DEMO_TENANT } from '../seed/catalog.js';
import { seedMasterData } from '../seed/demo.js';
import { startTestPlatform } from '../test-platform.js';
import { legacyWorldData } from './legacy-data.js';
import { startWebhookHost, syncLegacy } from '@zhongtai/adapter-worker';
import { WelcomeJourneys, memberApp, welcomesIn } from './welcome-journeys.js';
import { type LegacyWorld, startLegacyWorld } from './world.js';

/**
 * Seed 003 end to end, as `npm start` runs it and only through the adapters and the gateway: WeChat
 * pushes QR scans in stores → members created in those stores, opted into WeChat → `campaign-welcome`
 * sends each a WeChat template message through the notification gateway at once → some claim the
 * coupon in the app (MEMBER tokens) → some spend it at the till, whose receipt the POS adapter brings
 * in with the code → the coupon redeemed at that store for that order → the funnel counts every step.
 */
const day = new Date();
day.setUTCHours(2, 0, 0, 0); // 10:00 in Shanghai: outside the quiet hours
const clock = new ManualClock(day.toISOString());
let platform: Platform;
let world: LegacyWorld;
let hq: string;

beforeAll(async () => {
  world = await startLegacyWorld(
    legacyWorldData({ now: day.getTime(), members: 6, posSales: 10, onlineOrders: 6, followers: 24 }),
  );
  platform = await startTestPlatform({ clock, notifier: world.adapters.notify, wms: world.adapters.wms });
  await seedMasterData({ call: platform.callAs('seed') });
  hq = await testToken({ role: 'HQ' });
}, 60_000);
afterAll(async () => {
  await platform?.stop();
  await world?.stop();
});

type Funnel = { joined: number; sent: number; couponsClaimed: number; purchased: number };

it('welcomes a QR join at once, and counts the claim and the purchase through the POS', async () => {
  const runtime = await createAdapterRuntime({
    mongoUri: platform.mongoUri,
    call: platform.callAs('adapters'),
    tenant: DEMO_TENANT,
  });
  const hooks = await startWebhookHost(runtime, world, silentLogger());
  try {
    await world.sims.wechat.pushEvents(`${hooks.url}/webhooks/wechat`, { duplicateRate: 0.3, shuffle: true });
    await platform.drain();
    // a WeChat template message from the service account to every follower who scanned a store's code, once
    const welcomes = world.sims.wechat.templateMessages();
    expect(welcomes).toHaveLength(12);
    expect(welcomes.every((t) => t.template_id === DEMO_WECHAT_TEMPLATES.welcome)).toBe(true);
    expect(welcomes.every((t) => t.touser.startsWith('oWX') && t.data.storeId.value)).toBe(true);
    expect(welcomesIn(world.sims)).toHaveLength(12);
    expect(world.sims.notify.delivered().filter((m) => m.template === 'welcome')).toEqual([]);

    const journeys = new WelcomeJourneys({
      welcomes: () => welcomesIn(world.sims),
      pos: world.sims.pos,
      asMember: memberApp(() => platform.gatewayUrl, DEMO_TENANT, TEST_JWT),
      logger: silentLogger(),
    });
    const walked = await journeys.run(clock.now().getTime());
    expect(walked.bought).toBeGreaterThan(0);
    expect(walked.claimed).toBeGreaterThan(walked.bought);
    expect(await journeys.run(clock.now().getTime())).toEqual({ claimed: 0, bought: 0 });
    const synced = await syncLegacy(runtime, world);
    expect(synced.couponsRefused).toBe(0);
    await syncLegacy(runtime, world); // a second pass redeems nothing twice
    await platform.drain();

    const r = await postGraphQL<{ campaign: { funnel: Funnel } }>(
      platform.gatewayUrl,
      '{ campaign(id: "campaign-welcome") { funnel { joined sent couponsClaimed purchased } } }',
      {},
      hq,
    );
    expect(r.data?.campaign.funnel).toEqual({
      joined: 12,
      sent: 12,
      couponsClaimed: walked.claimed,
      purchased: walked.bought,
    });
  } finally {
    await hooks.stop();
    await runtime.close();
  }
}, 90_000);
