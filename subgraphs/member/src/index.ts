import type { NonEmptyArray } from 'type-graphql';
import { type Subgraph, type SubgraphDeps, createSubgraph, periodicJob, sdlOf } from '@zhongtai/subgraph-kit';
import { ProfileProjection } from './events/projection.js';
import { memberPolicies } from './policy.js';
import { AccessResolver } from './schema/access.resolver.js';
import { ProposalResolver } from './schema/proposal.resolver.js';
import { InsightResolver } from './schema/insight.resolver.js';
import { MemberResolver } from './schema/member.resolver.js';
import { memberReferences } from './schema/references.js';
import { StoreResolver } from './schema/store.resolver.js';
import { MemberDirectory } from './service/directory.js';
import { IdentityService } from './service/identity-service.js';
import { MergeService } from './service/merge-service.js';
import { ProfileService } from './service/profile-service.js';
import { ProposalService } from './service/proposal-service.js';
import { MemberScopes } from './service/scopes.js';
import { MemberRepository } from './store/member-repository.js';
import { ProfileRepository } from './store/profile-repository.js';
import { ProposalRepository } from './store/proposal-repository.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  MemberResolver,
  StoreResolver,
  InsightResolver,
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
  profiles: ProfileService;
  projection: ProfileProjection;
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
  const profiles = new ProfileService(directory, profileRepo, deps.outbox, deps.clock);
  const scopes = new MemberScopes(directory, deps.outbox, deps.clock);
  // after joins, store visits, merges and undos: profiles re-evaluated, scopes announced
  const refresh = async (tenant: string, ids: string[]) => {
    await profiles.refresh(tenant, ids);
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
  const identity = new IdentityService(directory, merges, proposals, deps.outbox, deps.clock, refresh);
  const projection = new ProfileProjection(directory, profileRepo, profiles, scopes, deps.logger);
  const refreshEveryMs = options.refreshEveryMs ?? 6 * 3600_000;
  const resumeEveryMs = options.resumeEveryMs ?? 5_000;

  const subgraph = await createSubgraph({
    name: MEMBER_SUBGRAPH,
    deps,
    resolvers,
    policies: memberPolicies,
    scopes,
    instances: [
      new MemberResolver(directory, identity, profiles, merges),
      new StoreResolver(directory, identity),
      new InsightResolver(directory, profiles),
      new AccessResolver(scopes),
      new ProposalResolver(proposals),
    ],
    references: memberReferences(directory),
    consumers: [() => projection.subscribe(deps.bus)],
    jobs: [
      ...(refreshEveryMs
        ? [
            periodicJob({
              name: 'segment refresh',
              everyMs: refreshEveryMs,
              logger: deps.logger,
              run: async () => {
                for (const tenant of await repo.tenants()) await profiles.refreshAll(tenant);
              },
            }),
          ]
        : []),
      ...(resumeEveryMs
        ? [
            periodicJob({
              name: 'resume',
              everyMs: resumeEveryMs,
              logger: deps.logger,
              // merges, undos and identifications a crash interrupted
              run: async () => {
                await merges.resume();
                await identity.resume();
              },
            }),
          ]
        : []),
    ],
  });
  return { ...subgraph, services: { directory, identity, merges, profiles, projection } };
}

export const memberSdl = () => sdlOf(resolvers);
