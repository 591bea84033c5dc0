import { type Logger, httpServiceCall } from '@zhongtai/subgraph-kit';
import { demoWorldClock } from '../legacy/demo-clock.js';
import { legacyWorldData } from '../legacy/legacy-data.js';
import { startDemoFeeds } from '../legacy/demo-feeds.js';
import type { SyncCounts } from '@zhongtai/adapter-worker';
import { STORE_CODES, startLegacyWorld } from '../legacy/world.js';
import type { MasterDataResult } from '../seed/demo.js';
import { Cleanups } from '../cleanups.js';

export interface DemoBrandOptions {
  /** the gateway's GraphQL URL: the only way in to the platform */
  gatewayUrl: string;
  /** the key service tokens are signed with (INTERNAL_TOKEN_SECRET) */
  internalSecret: string;
  /** the adapters' own database (`zhongtai_adapters`: checkpoints, inbound log, outbox) */
  mongoUri: string;
  /** with the store's DATA_DIR: the demo world's instant is kept in this folder, as `npm start` keeps it */
  dataDir?: string;
  logger: Logger;
  /** the webhook receiver's port (0: any) */
  webhookPort?: number;
  /** the WMS simulator's port (0: any); fixed so the inventory subgraph's WMS_URL can name it */
  wmsPort?: number;
  /** the message-gateway simulator's port (the customer-service process sends to it) */
  notifyPort?: number;
  /** where the WMS and message-gateway simulators and the webhook receiver listen (default loopback; a pod: 0.0.0.0) */
  host?: string;
  syncEveryMs?: number;
  /** how long to wait for the gateway to be ready before giving up (ms) */
  gatewayWaitMs?: number;
  /** attempts of the seed and of the first sync (both idempotent) before giving up; default 6 */
  attempts?: number;
}

export interface DemoBrand {
  /** the legacy simulators' base URLs (crm, pos, wms, notify, oms, wechat) */
  simulators: Record<string, string>;
  webhooksUrl: string;
  seeded: MasterDataResult;
  synced: SyncCounts;
  pushes: Record<string, unknown>;
  stop(): Promise<void>;
}

/** `<location id>=<WMS code>,…` for the inventory subgraph's WMS_LOCATIONS (the demo brand's WMS). */
export const DEMO_WMS_LOCATIONS = Object.entries(STORE_CODES)
  .map(([code, location]) => `${location}=${code}`)
  .join(',');

async function waitForGateway(gatewayUrl: string, timeoutMs: number, logger: Logger): Promise<void> {
  const readyz = new URL('/readyz', gatewayUrl);
  const until = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    const ok = await fetch(readyz, { signal: AbortSignal.timeout(3000) })
      .then(async (r) => (await r.arrayBuffer(), r.ok))
      .catch(() => false);
    if (ok) return;
    if (Date.now() > until)
      throw new Error(`the gateway (${readyz.href}) was not ready within ${timeoutMs} ms`);
    if (!said) logger.info({ readyz: readyz.href }, 'waiting for the gateway');
    said = true;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * What `npm start` does for the demo brand once the platform is up, as a deployment of its own: the
 * legacy systems (simulated) with an adapter each, the master-data seed, a first pull of every
 * legacy feed, the webhook receiver with the OMS's and WeChat's pushes, and the periodic pulls. It
 * reaches the platform only through the gateway, with service tokens (`service:seed`,
 * `service:adapters`), as a real adapter deployment does.
 */
export async function startDemoBrand(opts: DemoBrandOptions): Promise<DemoBrand> {
  const { logger } = opts;
  const cleanups = new Cleanups(logger, 'legacy shutdown step failed');
  const stop = cleanups.run;
  try {
    // the history is dated around an instant kept with the data, so a restart replays the same records
    const now = await demoWorldClock(opts.dataDir ? { dataDir: opts.dataDir } : { mongoUri: opts.mongoUri });
    const world = await startLegacyWorld(legacyWorldData({ now }));
    cleanups.push(() => world.stop());
    if (opts.wmsPort) {
      // the inventory subgraph, a process of its own, reads stock from the WMS at a known address
      await world.sims.wms.stop();
      await world.sims.wms.start(opts.wmsPort, opts.host);
    }
    if (opts.notifyPort) {
      // so does customer service with its messages
      await world.sims.notify.stop();
      await world.sims.notify.start(opts.notifyPort, opts.host);
    }
    const simulators = Object.fromEntries(Object.entries(world.sims).map(([name, sim]) => [name, sim.url]));
    for (const [system, url] of Object.entries(simulators))
      logger.info({ system, url }, 'legacy simulator listening');

    await waitForGateway(opts.gatewayUrl, opts.gatewayWaitMs ?? 60_000, logger);
    // over the wire, through the gateway, beside five other processes: more time than in-process calls
    const callAs = (service: string) =>
      httpServiceCall({
        url: () => opts.gatewayUrl,
        secret: opts.internalSecret,
        service,
        timeoutMs: 15_000,
      });
    const feeds = await startDemoFeeds(world, {
      callAs,
      mongoUri: opts.mongoUri,
      logger,
      webhookPort: opts.webhookPort,
      host: opts.host,
      syncEveryMs: opts.syncEveryMs,
      attempts: opts.attempts,
    });
    cleanups.push(() => feeds.stop());
    const { webhooksUrl, seeded, synced, pushes } = feeds;
    return { simulators, webhooksUrl, seeded, synced, pushes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
