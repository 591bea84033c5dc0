import { ImportGate } from './bus/import-gate.js';
import type { GraphQLSchema } from 'graphql';
import type { Actor } from '@zhongtai/contracts';
import type { Connection } from 'mongoose';
import type { NonEmptyArray } from 'type-graphql';
import type { EventBus, Subscription } from './bus/event-bus.js';
import { type ReferenceResolvers, buildFederatedSchema } from './schema/build-subgraph-schema.js';
import type { Cache } from './cache/cache.js';
import type { TenantCalendar } from './calendar.js';
import type { Clock } from './clock.js';
import type { Job } from './jobs.js';
import { Lease } from './mongo/lease.js';
import type { Logger } from './logging.js';
import type { Outbox } from './outbox/outbox.js';
import { applyPolicies, guardReferences } from './policy/apply-policies.js';
import { Authorizer, type ScopeSource } from './policy/authorizer.js';
import type { PolicyMap } from './policy/policy.js';
import { ServiceScopeSource } from './policy/service-scope-source.js';

/**
 * A service-to-service GraphQL call through the public API as a SYSTEM caller of `tenant` (e.g. the
 * orders subgraph identifying a buyer with the member center's `identifyMember`). Throws
 * UPSTREAM_UNAVAILABLE when the API does not answer.
 */
export type ServiceCall = <T = Record<string, unknown>>(
  tenant: string,
  query: string,
  variables?: Record<string, unknown>,
  options?: ServiceCallOptions,
) => Promise<T>;

export interface ServiceCallOptions {
  /** the person the service acts for (e.g. the clerk who entered an order) */
  actor?: Actor;
  /** how long to wait for the answer (default: the caller's, 3 s); e.g. a batch an import gate may hold */
  timeoutMs?: number;
}

/** What a subgraph factory receives: everything with I/O is injected, nothing is read from env. */
export interface SubgraphDeps {
  db: Connection;
  bus: EventBus;
  cache: Cache;
  outbox: Outbox;
  clock: Clock;
  /** each tenant's business calendar (time zone from TIME_ZONE / TENANT_TIME_ZONES; Asia/Shanghai by default) */
  calendar: TenantCalendar;
  logger: Logger;
  /** calls to other subgraphs' public operations; absent where no gateway is configured */
  call?: ServiceCall;
  /** backpressure of bulk writes on the event consumers (`importGateOf` gives the default when absent) */
  importGate?: ImportGate;
}

/** The gate bulk writes pass (IMPORT_MAX_BACKLOG), or one with the defaults on the deps' bus. */
export const importGateOf = (deps: SubgraphDeps): ImportGate => deps.importGate ?? new ImportGate(deps.bus);

export interface SubgraphStartOptions {
  /** start the outbox relay too (default true) */
  relay?: boolean;
  /**
   * the scheduled jobs: run here (true, the default), not here (false: another deployment runs them),
   * or only while this replica holds the lease (several replicas: one runs them at a time)
   */
  jobs?: boolean | Lease;
}

/** A built subgraph: its schema, and the background work (event consumers, jobs) it owns. */
export interface Subgraph {
  name: string;
  schema: GraphQLSchema;
  sdl: string;
  /** the authorization of every operation, as enforced (security tests and the policy table read it) */
  policies: PolicyMap;
  /**
   * subscribe consumers, start jobs and (unless `relay: false`) the outbox relay. The all-in-one
   * process starts every subgraph's consumers first and the relays after (`startRelay`), so no
   * event left over from before a restart is relayed before its consumers listen.
   */
  start(opts?: SubgraphStartOptions): Promise<void>;
  startRelay(): void;
  /** stop consumers and jobs; in-flight handlers finish first */
  stop(): Promise<void>;
}

export interface SubgraphParts {
  name: string;
  deps: SubgraphDeps;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /** resolver instances constructed with their services */
  instances: object[];
  /** entity types this subgraph extends but no root field reaches (e.g. `Member` in points) */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
  references?: ReferenceResolvers;
  /**
   * The authorization of every operation (`policy.ts`): a root field, entity field or reference
   * resolver without one fails the start.
   */
  policies: PolicyMap;
  /**
   * Where member scopes and store regions come from: the member center passes its own; every other
   * subgraph asks it through the gateway and follows its events (the default).
   */
  scopes?: ScopeSource;
  /** event subscriptions this subgraph owns, started by `start()` */
  consumers?: Array<() => Promise<Subscription>>;
  /** background jobs (`periodicJob`; a null one is switched off) */
  jobs?: Array<Job | null>;
}

/**
 * Builds the schema with every operation behind its policy, and wires the lifecycle every subgraph
 * shares (outbox relay, consumers, jobs).
 */
export async function createSubgraph(parts: SubgraphParts): Promise<Subgraph> {
  const { deps } = parts;
  const serviceScopes = parts.scopes
    ? undefined
    : new ServiceScopeSource({ subgraph: parts.name, cache: deps.cache, call: deps.call });
  const authz = new Authorizer(parts.scopes ?? serviceScopes!);
  const references = parts.references ?? {};
  const { schema, sdl } = await buildFederatedSchema({
    resolvers: parts.resolvers,
    instances: parts.instances,
    references: guardReferences(references, parts.policies, authz),
    orphanedTypes: parts.entities,
  });
  applyPolicies(schema, parts.policies, authz, {
    subgraph: parts.name,
    references: Object.keys(references),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    foreignEntities: (parts.entities ?? []).map((e) => entityName(e as any)),
  });
  const consumers = [...(parts.consumers ?? [])];
  if (serviceScopes) consumers.push(() => serviceScopes.subscribe(deps.bus));
  let subscriptions: Subscription[] = [];
  let stopJobs: Array<() => Promise<void>> = [];
  const startJobs = () => {
    if (!stopJobs.length) stopJobs = (parts.jobs ?? []).flatMap((j) => (j ? [j()] : []));
  };
  const endJobs = async () => {
    const stops = stopJobs;
    stopJobs = [];
    await Promise.all(stops.map((s) => s()));
  };
  let lease: Lease | undefined;
  return {
    name: parts.name,
    schema,
    sdl,
    policies: parts.policies,
    start: async (opts = {}) => {
      subscriptions = await Promise.all(consumers.map((c) => c()));
      if (opts.jobs instanceof Lease) {
        lease = opts.jobs;
        lease.onChange((held) => (held ? startJobs() : endJobs()));
        await lease.start();
      } else if (opts.jobs !== false) startJobs();
      if (opts.relay !== false) parts.deps.outbox.start();
    },
    startRelay: () => parts.deps.outbox.start(),
    stop: async () => {
      await Promise.all(subscriptions.map((s) => s.stop()));
      await lease?.stop(); // its listener stops the jobs, then it is given up
      await endJobs();
      await parts.deps.outbox.stop();
    },
  };
}

/** The GraphQL name of an entity class (`entityRef('Member')` makes a class named `MemberRef`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function entityName(cls: any): string {
  return String(cls.name).replace(/Ref$/, '');
}

/** The SDL of a subgraph from its resolver classes alone (composition and contract checks). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function sdlOf(resolvers: NonEmptyArray<Function>, entities?: Function[]): Promise<string> {
  return (await buildFederatedSchema({ resolvers, orphanedTypes: entities })).sdl;
}
