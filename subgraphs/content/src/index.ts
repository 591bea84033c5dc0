import { hostname } from 'node:os';
import type { NonEmptyArray } from 'type-graphql';
import type { NotificationAdapter } from '@zhongtai/contracts';
import {
  Messenger,
  type Subgraph,
  type SubgraphDeps,
  createSubgraph,
  periodicJob,
  sdlOf,
} from '@zhongtai/subgraph-kit';
import { subscribeContent } from './events/consumers.js';
import { contentPolicies } from './policy.js';
import { CampaignResolver } from './schema/campaign.resolver.js';
import { ContentResolver, MemberContentResolver } from './schema/content.resolver.js';
import { ClerkResolver } from './schema/clerk.resolver.js';
import { CouponResolver } from './schema/coupon.resolver.js';
import { contentReferences } from './schema/references.js';
import { ContentItem, Member } from './schema/types.js';
import { CampaignService } from './service/campaign-service.js';
import { ContentService } from './service/content-service.js';
import { CouponService } from './service/coupon-service.js';
import { ContentRepository } from './store/content-repository.js';
import { AudienceRepository } from './store/audience-repository.js';
import { CouponRepository } from './store/coupon-repository.js';
import { AudienceService } from './service/audience-service.js';
import { CampaignLauncher } from './service/campaign-launcher.js';
import { CampaignSender } from './service/campaign-sender.js';
import { CampaignRepository } from './store/campaign-repository.js';
import { ClerkRepository } from './store/clerk-repository.js';
import { ClerkService } from './service/clerk-service.js';
import { FeedService } from './service/feed-service.js';

const entities = [Member, ContentItem];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  CampaignResolver,
  ClerkResolver,
  ContentResolver,
  CouponResolver,
  MemberContentResolver,
];
export const CONTENT_SUBGRAPH = 'content';

/** The services of the content subgraph, for the all-in-one process and tests. */
export interface ContentServices {
  content: ContentService;
  coupons: CouponService;
  campaigns: CampaignService;
  feeds: FeedService;
  audiences: AudienceService;
  sender: CampaignSender;
  launcher: CampaignLauncher;
  clerks: ClerkService;
}

export interface ContentOptions {
  /** how often claims that died before writing their coupon give their stock back (ms; 0: never) */
  settleEveryMs?: number;
  /** how often the campaign scheduler looks for due deliveries (ms; 0: never, tests run it) */
  sendEveryMs?: number;
  /** campaign messages go through it (none: nothing is sent, offers wait in the feed) */
  notifier?: NotificationAdapter;
  /** this replica's name on the leases of the deliveries it sends */
  owner?: string;
  /** a recruit's orders within this many days of joining count for its clerk (default 30) */
  clerkWindowDays?: number;
  /** how often SEGMENT and BIRTHDAY campaigns are fanned out (ms; 0: never, tests run it) */
  launchEveryMs?: number;
  /** campaign messages per minute per channel (`parseRateLimits`; default `DEFAULT_RATE_LIMITS`) */
  rateLimits?: Record<string, number>;
}

/** Content, campaigns and coupons (the only entry point of this package). */
export async function createContentSubgraph(
  deps: SubgraphDeps,
  options: ContentOptions = {},
): Promise<Subgraph & { services: ContentServices }> {
  const repo = new ContentRepository(deps.db);
  await repo.init();
  const content = new ContentService(repo, deps.clock);
  const audienceRepo = new AudienceRepository(deps.db, deps.cache);
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  const campaignRepo = new CampaignRepository(deps.db, deps.clock, owner, deps.cache);
  const messenger = new Messenger(options.notifier);
  const sender = new CampaignSender(
    campaignRepo,
    messenger,
    deps.clock,
    deps.calendar,
    deps.logger,
    deps.call,
    options.rateLimits,
  );
  const campaigns = new CampaignService(campaignRepo, sender, deps.clock, deps.calendar);
  const launcher = new CampaignLauncher(
    campaignRepo,
    audienceRepo,
    sender,
    deps.clock,
    deps.calendar,
    deps.logger,
  );
  const clerks = new ClerkService(new ClerkRepository(deps.db, deps.cache), options.clerkWindowDays ?? 30);
  const coupons = new CouponService(
    new CouponRepository(deps.db),
    content,
    deps.clock,
    deps.calendar,
    deps.logger,
    (tenant, memberId, offerId, at) => campaigns.couponClaimed(tenant, memberId, offerId, at),
    async (ctx, storeId, coupon, fresh) => {
      // a clerk's redemption counts for it (R-ID-4); the order it was used on, for the campaign
      if (fresh && ctx.claims.role === 'CLERK' && ctx.claims.sub)
        await clerks.couponRedeemed(ctx.tenant, storeId, ctx.claims.sub);
      await campaigns.couponUsed(ctx.tenant, coupon);
    },
  );
  const services: ContentServices = {
    content,
    coupons,
    campaigns,
    sender,
    launcher,
    clerks,
    feeds: new FeedService(repo, audienceRepo, coupons, deps.clock, deps.logger, deps.call),
    audiences: new AudienceService(audienceRepo),
  };
  const subgraph = await createSubgraph({
    name: CONTENT_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: contentPolicies,
    instances: [
      new CampaignResolver(services.campaigns, deps.clock),
      new ContentResolver(services.content),
      new CouponResolver(services.coupons, deps.clock),
      new ClerkResolver(services.clerks),
      new MemberContentResolver(services.feeds, services.coupons),
    ],
    references: contentReferences(services.content),
    consumers: [() => subscribeContent(deps.bus, services)],
    jobs: [
      periodicJob({
        name: 'campaign scheduler',
        everyMs: options.sendEveryMs ?? 5_000,
        logger: deps.logger,
        run: () => sender.runOnce(),
      }),
      periodicJob({
        name: 'campaign launcher',
        everyMs: options.launchEveryMs ?? 60_000,
        logger: deps.logger,
        run: () => launcher.runOnce(),
      }),
      periodicJob({
        name: 'coupon claims settle',
        everyMs: options.settleEveryMs ?? 60_000,
        logger: deps.logger,
        run: () => services.coupons.settleClaims(),
      }),
    ],
  });
  return { ...subgraph, services };
}

export const contentSdl = () => sdlOf(resolvers, entities);
export type { CampaignService } from './service/campaign-service.js';
export { DEFAULT_RATE_LIMITS, parseRateLimits } from './service/campaign-sender.js';
export type { ContentService } from './service/content-service.js';
export type { CouponService } from './service/coupon-service.js';
