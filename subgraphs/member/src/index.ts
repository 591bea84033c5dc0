import type { NonEmptyArray } from 'type-graphql';
import {
  type Subgraph,
  type SubgraphDeps,
  createSubgraph,
  importGateOf,
  periodicJob,
  sdlOf,
} from '@zhongtai/subgraph-kit';
import { subscribeMember } from './events/consumers.js';
import { memberPolicies } from './policy.js';
// the order these modules load in is the order of the operations in the SDL: keep it
import { AccessResolver } from './schema/access.resolver.js';
import { ProposalResolver } from './schema/proposal.resolver.js';
import { InsightResolver } from './schema/insight.resolver.js';
import { SegmentResolver } from './schema/segment.resolver.js';
import { MemberResolver } from './schema/member.resolver.js';
import { memberReferences } from './schema/references.js';
import { StoreResolver } from './schema/store.resolver.js';
import { ConsentService } from './service/consent-service.js';
import { MemberDirectory } from './service/directory.js';
import { IdentityService } from './service/identity-service.js';
import { InsightService } from './service/insight-service.js';
import { MergeService } from './service/merge-service.js';
import { ProfileFacts } from './service/profile-facts.js';
import { ProposalService } from './service/proposal-service.js';
import { MemberScopes } from './service/scopes.js';
import { SegmentService } from './service/segment-service.js';
import { TagService } from './service/tag-service.js';
import { MemberRepository } from './store/member-repository.js';
import { ProfileRepository } from './store/profile-repository.js';
import { ProposalRepository } from './store/proposal-repository.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  MemberResolver,
  StoreResolver,
  InsightResolver,
  SegmentResolver,
  AccessResolver,
  ProposalResolver,
];
export const MEMBER_SUBGRAPH = 'member';

export interface MemberSubgraphOptions {
  /** how often every member's segments and rule tags are re-evaluated (time moves members); 0 disables */
  refreshEveryMs?: number;
  /** how often merges and undos a crash interrupted are finished (0: never; tests drive it) */
  resumeEveryMs?: number;
}

export interface MemberServices {
  directory: MemberDirectory;
  identity: IdentityService;
  merges: MergeService;
  tags: TagService;
  consents: ConsentService;
  segments: SegmentService;
  insight: InsightService;
  facts: ProfileFacts;
}

/** The member center: members, identities, merges, tags, profile facts, segments, stores. */
export async function createMemberSubgraph(
  deps: SubgraphDeps,
  options: MemberSubgraphOptions = {},
): Promise<Subgraph & { services: MemberServices }> {
  const repo = new MemberRepository(deps.db, deps.cache);
  const profileRepo = new ProfileRepository(deps.db, deps.cache);
  await repo.init();
  const directory = new MemberDirectory(repo);
  const segments = new SegmentService(directory, profileRepo, deps.outbox, deps.clock);
  const tags = new TagService(directory, profileRepo, segments, deps.clock);
  const consents = new ConsentService(directory, profileRepo, deps.outbox, deps.clock);
  const insight = new InsightService(directory, profileRepo, tags, deps.clock);
  const scopes = new MemberScopes(directory, deps.outbox, deps.clock);
  // after joins, store visits, merges and undos: profiles re-evaluated, scopes announced
  const refresh = async (tenant: string, ids: string[]) => {
    await segments.refresh(tenant, ids);
    await scopes.announce(tenant, ids);
  };
  const merges = new MergeService(
    directory,
    profileRepo,
    scopes,
    deps.outbox,
    deps.clock,
    deps.logger,
    refresh,
  );
  await profileRepo.watchMergeEvents(deps.outbox);
  const proposalRepo = new ProposalRepository(deps.db);
  await proposalRepo.init();
  const proposals = new ProposalService(proposalRepo, merges, deps.clock);
  const identity = new IdentityService(
    directory,
    merges,
    proposals,
    deps.outbox,
    deps.clock,
    refresh,
    consents,
    importGateOf(deps),
  );
  const facts = new ProfileFacts(directory, profileRepo, segments, scopes, deps.logger);

  const subgraph = await createSubgraph({
    name: MEMBER_SUBGRAPH,
    deps,
    resolvers,
    policies: memberPolicies,
    scopes,
    instances: [
      new MemberResolver(directory, identity, tags, consents, insight, merges),
      new StoreResolver(directory, identity),
      new InsightResolver(insight),
      new SegmentResolver(directory, segments, tags),
      new AccessResolver(scopes),
      new ProposalResolver(proposals),
    ],
    references: memberReferences(directory),
    consumers: [() => subscribeMember(deps.bus, facts)],
    jobs: [
      periodicJob({
        name: 'segment refresh',
        everyMs: options.refreshEveryMs ?? 6 * 3600_000,
        logger: deps.logger,
        run: () => segments.refreshEveryTenant(),
      }),
      periodicJob({
        name: 'resume',
        everyMs: options.resumeEveryMs ?? 5_000,
        logger: deps.logger,
        // merges, undos and identifications a crash interrupted
        run: async () => {
          await merges.resume();
          await identity.resume();
        },
      }),
    ],
  });
  return {
    ...subgraph,
    services: { directory, identity, merges, tags, consents, segments, insight, facts },
  };
}

export const memberSdl = () => sdlOf(resolvers);
