import { createAdapterRuntime } from '@zhongtai/adapter-kit';
import type { Logger, ServiceCall } from '@zhongtai/subgraph-kit';
import { DEMO_TENANT } from '../seed/catalog.js';
import { type MasterDataResult, seedMasterData } from '../seed/demo.js';
import {
  type CouponRefusalLog,
  type SyncCounts,
  startLegacyJobs,
  startWebhookHost,
  syncLegacy,
} from '@zhongtai/adapter-worker';
import { type AsMember, WelcomeJourneys, welcomesIn } from './welcome-journeys.js';
import { answerDemoSurveys } from './survey-answers.js';
import type { LegacyWorld } from './world.js';
import { Cleanups } from '../cleanups.js';

export interface DemoFeedsOptions {
  /** a service caller into the platform (`service:seed`, `service:adapters`) */
  callAs(service: string): ServiceCall;
  /** the adapters' own database (`zhongtai_adapters`: checkpoints, inbound log, outbox) */
  mongoUri: string;
  logger: Logger;
  /** the webhook receiver's port (0: any) */
  webhookPort?: number;
  /** where the webhook receiver listens (default loopback) */
  host?: string;
  syncEveryMs?: number;
  /** how often the demo's members answer the surveys they were sent (the member app) */
  answerEveryMs?: number;
  /** attempts of the seed and of the first sync (both idempotent) before giving up; default 6 */
  attempts?: number;
  /** the member app (MEMBER tokens): welcomed members claim and spend their coupon; absent, they do not */
  asMember?: AsMember;
  /** how often welcomed members act on their welcome (default 5 s) */
  journeysEveryMs?: number;
}

export interface DemoFeeds {
  webhooksUrl: string;
  seeded: MasterDataResult;
  synced: SyncCounts;
  pushes: Record<string, unknown>;
  stop(): Promise<void>;
}

/** `step` again after 1, 2, 4 … s while it fails (a platform still warming up, a slow machine). */
async function retried<T>(
  what: string,
  attempts: number,
  logger: Logger,
  step: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts) throw error;
      const delay = 1000 * 2 ** (attempt - 1);
      logger.warn(
        { err: error, attempt, retryInMs: delay },
        `${what} failed; it is idempotent, trying again`,
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * The demo brand's feeds into a running platform, the same in `npm start` and in the multi-process
 * mode: the master-data seed, an adapter runtime over the legacy world, a first pull of every legacy
 * feed, the webhook receiver with the OMS's and WeChat's pushes, and the periodic pulls. All of it is
 * idempotent, so a restart on the same data replays the very requests it made before.
 */
export async function startDemoFeeds(world: LegacyWorld, opts: DemoFeedsOptions): Promise<DemoFeeds> {
  const { logger } = opts;
  const cleanups = new Cleanups(logger, 'legacy shutdown step failed');
  const stop = cleanups.run;
  try {
    const attempts = opts.attempts ?? 6;
    const seeded = await retried('master-data seed', attempts, logger, () =>
      seedMasterData({ call: opts.callAs('seed') }),
    );
    logger.info(seeded, 'demo master data ready');

    const runtime = await createAdapterRuntime({
      mongoUri: opts.mongoUri,
      call: opts.callAs('adapters'),
      tenant: DEMO_TENANT,
    });
    cleanups.push(() => runtime.close());
    const refused: CouponRefusalLog = (r) =>
      logger.warn(r, 'a coupon the till accepted was refused by the platform; the sale is taken in');
    const synced = await retried('legacy sync', attempts, logger, () => syncLegacy(runtime, world, refused));
    logger.info(synced, 'demo data synced from the legacy systems through their adapters');

    const hooks = await startWebhookHost(runtime, world, logger, opts.webhookPort ?? 0, { host: opts.host });
    cleanups.push(() => hooks.stop());
    logger.info({ url: hooks.url }, 'webhook receiver listening (/webhooks/oms, /webhooks/wechat)');
    // the OMS pushes its orders again (some twice, shuffled) and WeChat its follow and QR-scan events
    const pushes = {
      oms: await world.sims.oms.pushWebhooks(`${hooks.url}/webhooks/oms`, {
        duplicateRate: 0.2,
        shuffle: true,
      }),
      wechat: await world.sims.wechat.pushEvents(`${hooks.url}/webhooks/wechat`, {
        duplicateRate: 0.3,
        shuffle: true,
      }),
    };
    logger.info(pushes, 'webhook deliveries received');

    const stopJobs = startLegacyJobs(runtime, world, {
      everyMs: opts.syncEveryMs ?? 15_000,
      onError: (error) => logger.warn({ err: error }, 'legacy sync failed; it runs again shortly'),
      onRefused: refused,
    });
    cleanups.push(stopJobs);
    // the members who were sent a survey answer some of it from the app (a few pages of each store per
    // round, never two rounds at once)
    const cursors = new Map<string, string | null>();
    let answering = false;
    const answers = setInterval(() => {
      if (answering) return;
      answering = true;
      answerDemoSurveys(opts.callAs('member-app'), logger, cursors)
        .catch((error) => logger.warn({ err: error }, 'demo survey answers failed; tried again shortly'))
        .finally(() => (answering = false));
    }, opts.answerEveryMs ?? 10_000);
    answers.unref();
    cleanups.push(async () => clearInterval(answers));
    if (opts.asMember) {
      // new members open their welcome, claim its coupon and spend it in store (welcome-journeys.ts)
      const journeys = new WelcomeJourneys({
        welcomes: () => welcomesIn(world.sims),
        pos: world.sims.pos,
        asMember: opts.asMember,
        logger,
      });
      const walk = setInterval(() => {
        journeys
          .run()
          .then((r) => (r.claimed ? logger.info(r, 'welcomed members claimed their coupons') : undefined))
          .catch((error) => logger.warn({ err: error }, 'demo welcome journeys failed; tried again shortly'));
      }, opts.journeysEveryMs ?? 5_000);
      walk.unref();
      cleanups.push(async () => clearInterval(walk));
    }
    return { webhooksUrl: hooks.url, seeded, synced, pushes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
