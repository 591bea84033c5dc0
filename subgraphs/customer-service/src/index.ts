import { hostname } from 'node:os';
import type { NonEmptyArray } from 'type-graphql';
import type { NotificationAdapter } from '@zhongtai/contracts';
import {
  createSubgraph,
  Messenger,
  periodicJob,
  sdlOf,
  type Subgraph,
  type SubgraphDeps,
} from '@zhongtai/subgraph-kit';
import { subscribeCustomerService } from './events/consumers.js';
import { customerServicePolicies } from './policy.js';
import { FanResolver } from './schema/fan.resolver.js';
import { LoopResolver } from './schema/loop.resolver.js';
import { MemberCareResolver } from './schema/member-care.resolver.js';
import { Member } from './schema/types.js';
import { AnswerService } from './service/answer-service.js';
import { CatalogueService } from './service/catalogue-service.js';
import { FanService } from './service/fan-service.js';
import { FollowUps } from './service/follow-ups.js';
import { MergeFollower } from './service/merge-follower.js';
import { Platform } from './service/platform.js';
import type { CareServices } from './service/services.js';
import { SlaWatch } from './service/sla-watch.js';
import { SurveyPlanner } from './service/survey-planner.js';
import { SurveyReads } from './service/survey-reads.js';
import { SurveySender } from './service/survey-sender.js';
import { TicketService } from './service/ticket-service.js';
import { CatalogueRepository } from './store/catalogue-repository.js';
import { SurveyRepository } from './store/survey-repository.js';
import { TicketRepository } from './store/ticket-repository.js';

const entities = [Member];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [MemberCareResolver, LoopResolver, FanResolver];
export const CUSTOMER_SERVICE_SUBGRAPH = 'customer-service';

export interface CustomerServiceOptions {
  /** SMS, e-mail and WeChat template messages (the notification adapter); without it nothing is sent */
  notifier?: NotificationAdapter;
  /** how often the survey scheduler and the SLA watch run (0: never; tests drive them) */
  jobsEveryMs?: number;
  /** this replica's name in the scheduler's leases */
  owner?: string;
}

/** Surveys and tickets: experience data that closes the loop (the only entry point of this package). */
export async function createCustomerServiceSubgraph(
  deps: SubgraphDeps,
  options: CustomerServiceOptions = {},
): Promise<Subgraph & { services: CareServices }> {
  const owner = options.owner ?? `${hostname()}:${process.pid}`;
  const catalogueRepo = new CatalogueRepository(deps.db, deps.cache);
  const surveyRepo = new SurveyRepository(deps.db, deps.clock, owner);
  const ticketRepo = new TicketRepository(deps.db, deps.clock, owner);
  await Promise.all([catalogueRepo.init(), surveyRepo.init(deps.outbox), ticketRepo.init(deps.outbox)]);
  const platform = new Platform(deps.call);
  const catalogue = new CatalogueService(catalogueRepo, deps.clock);
  const tickets = new TicketService(ticketRepo, catalogue, deps.outbox, deps.clock);
  const messenger = new Messenger(options.notifier);
  const followUps = new FollowUps(tickets, catalogue, platform, deps.clock, deps.logger, messenger);
  const answers = new AnswerService(surveyRepo, catalogue, followUps, deps.outbox, deps.clock);
  const services: CareServices = {
    catalogue,
    planner: new SurveyPlanner(surveyRepo, catalogue, deps.clock, deps.calendar),
    sender: new SurveySender(
      surveyRepo,
      catalogue,
      platform,
      answers,
      deps.clock,
      deps.calendar,
      deps.logger,
      messenger,
    ),
    answers,
    surveys: new SurveyReads(surveyRepo),
    tickets,
    sla: new SlaWatch(ticketRepo, catalogue, deps.outbox, deps.clock, deps.logger),
    merges: new MergeFollower(surveyRepo, ticketRepo),
    fans: new FanService(catalogueRepo, surveyRepo, platform, deps.clock),
  };
  const every = options.jobsEveryMs ?? 5_000;
  const subgraph = await createSubgraph({
    name: CUSTOMER_SERVICE_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: customerServicePolicies(services.surveys, tickets),
    instances: [
      new MemberCareResolver(tickets, services.surveys, deps.clock),
      new LoopResolver(services, deps.clock),
      new FanResolver(services.fans),
    ],
    consumers: [() => subscribeCustomerService(deps.bus, services)],
    jobs: [
      periodicJob({
        name: 'survey scheduler',
        everyMs: every,
        logger: deps.logger,
        run: () => services.sender.runOnce(),
      }),
      periodicJob({
        name: 'SLA watch',
        everyMs: every,
        logger: deps.logger,
        run: () => services.sla.runOnce(),
      }),
    ],
  });
  return { ...subgraph, services };
}

export const customerServiceSdl = () => sdlOf(resolvers, entities);
export type { CareServices } from './service/services.js';
