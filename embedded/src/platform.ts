import { type GatewayProtection, createGatewayServer, devIdeRoutes } from '@zhongtai/gateway';
import { createContentSubgraph } from '@zhongtai/content';
import { type NotificationAdapter, type WmsAdapter, readSupergraphSdl } from '@zhongtai/contracts';
import { createCustomerServiceSubgraph } from '@zhongtai/customer-service';
import { createInventorySubgraph } from '@zhongtai/inventory';
import { createMemberSubgraph } from '@zhongtai/member';
import { createOrdersSubgraph } from '@zhongtai/orders';
import { storeTerminalRoutes } from '@zhongtai/store-terminal';
import { createPointsSubgraph } from '@zhongtai/points';
import {
  type Clock,
  type EmbeddedDurability,
  type EmbeddedMongo,
  type EventBus,
  type JwtSettings,
  type Logger,
  type ServiceCall,
  type Subgraph,
  type SubgraphDeps,
  type TenantCalendar,
  createInfra,
  createRegistry,
  registerBusMetrics,
  createSubgraphDeps,
  createGatewayVerifier,
  deadLetterRoutes,
  createSubgraphVerifier,
  DEFAULT_QUERY_LIMITS,
  subgraphQueryLimits,
  httpServiceCall,
  serveSubgraph,
  startEmbeddedMongo,
  systemClock,
} from '@zhongtai/subgraph-kit';
import { Cleanups } from './cleanups.js';

export const SUBGRAPH_FACTORIES: ReadonlyArray<{
  name: string;
  create: (deps: SubgraphDeps, opts: PlatformOptions) => Promise<Subgraph>;
}> = [
  { name: 'member', create: (deps) => createMemberSubgraph(deps) },
  { name: 'points', create: (deps) => createPointsSubgraph(deps) },
  {
    name: 'orders',
    create: (deps, opts) => createOrdersSubgraph(deps, { settleMetricsEveryMs: opts.settleMetricsEveryMs }),
  },
  { name: 'inventory', create: (deps, opts) => createInventorySubgraph(deps, { wms: opts.wms }) },
  {
    name: 'customer-service',
    create: (deps, opts) => createCustomerServiceSubgraph(deps, { notifier: opts.notifier }),
  },
  {
    name: 'content',
    create: (deps, opts) =>
      createContentSubgraph(deps, { notifier: opts.notifier, rateLimits: opts.campaignRateLimits }),
  },
];

export interface PlatformOptions {
  /** development pages (`npm start` outside production): GraphiQL at /graphiql, the store terminal at /store-terminal */
  devIde?: boolean;
  host: string;
  port: number;
  subgraphPortBase: number;
  transport: 'in-process' | 'http';
  mongoUri?: string;
  redisUrl?: string;
  jwt: JwtSettings;
  logger: Logger;
  clock?: Clock;
  /** the tenants' business calendar (TIME_ZONE, TENANT_TIME_ZONES); Asia/Shanghai for all when absent */
  calendar?: TenantCalendar;
  dataDir?: string;
  /** with `dataDir`: what an acknowledged write to the embedded store survives */
  durability?: EmbeddedDurability;
  /** database name prefix (tests isolate themselves with it) */
  dbPrefix?: string;
  onFetch?: (subgraph: string) => void;
  /** false: subgraphs only (the bench runs gateways in processes of their own) */
  withGateway?: boolean;
  /** the gateway's abuse limits (`loadGatewayProtection`); defaults when absent */
  gatewayProtection?: GatewayProtection;
  /** the WMS adapter: the inventory subgraph reads stock through it */
  wms?: WmsAdapter;
  /** the notification adapter: customer service sends surveys, apologies and store alerts through it */
  notifier?: NotificationAdapter;
  /** campaign messages per minute per channel (CAMPAIGN_RATE_LIMITS; default: content's) */
  campaignRateLimits?: Record<string, number>;
  /** history imports' backpressure: the consumers' backlog (events) above which they wait (IMPORT_MAX_BACKLOG), and for how long */
  importGate?: { maxBacklog?: number; maxWaitMs?: number };
  /** how often store metrics catch up in the background (orders' default; 0: only when queried) */
  settleMetricsEveryMs?: number;
}

export interface Platform {
  /** empty when started without a gateway */
  gatewayUrl: string;
  /** the store the platform uses (embedded or MONGODB_URI) */
  mongoUri: string;
  /** SYSTEM calls through the gateway (adapters hand their records to the platform with it) */
  call: ServiceCall;
  /** a SYSTEM caller through the gateway under its own name (an adapter's or a tool's) */
  callAs(service: string): ServiceCall;
  subgraphUrls: Record<string, string>;
  subgraphs: Record<string, Subgraph>;
  /** the event bus (tests and ops tools: dead letters) */
  bus: EventBus;
  /** resolves once every event published so far has been handled (benches wait on it, not on a sleep) */
  drain(timeoutMs?: number): Promise<void>;
  /** graceful: stop accepting, finish in-flight requests, stop consumers, flush outboxes, close stores */
  stop(): Promise<void>;
}

/** Starts the whole platform in this process: store, infra, six subgraphs, gateway. */
export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const { logger } = opts;
  const clock = opts.clock ?? systemClock;
  const cleanups = new Cleanups(logger);
  const stopAll = cleanups.run;
  try {
    let mongoUri = opts.mongoUri;
    if (!mongoUri) {
      const embedded: EmbeddedMongo = await startEmbeddedMongo({
        dataDir: opts.dataDir,
        durability: opts.durability,
      });
      mongoUri = embedded.uri;
      cleanups.push(() => embedded.stop());
      logger.info({ uri: mongoUri, ...embedded.recovery }, 'embedded MongoDB-compatible store started');
    }
    const infra = await createInfra({
      redisUrl: opts.redisUrl,
      logger,
      mongoUri,
      dbPrefix: opts.dbPrefix,
    });
    cleanups.push(() => infra.close());
    let drained: Promise<void> | undefined;
    const drainOnce = () =>
      (drained ??= infra.bus
        .drain(1500)
        .catch(() =>
          logger.warn('event bus not drained at shutdown; the outboxes relay the rest at the next start'),
        ));
    const registry = createRegistry();
    registerBusMetrics(registry, infra.bus);
    const internalSecret = opts.jwt.internalSecret;

    // subgraphs call each other's public operations through the gateway (e.g. orders → identifyMember)
    let gatewayUrl = '';
    const callAs = (service: string) =>
      httpServiceCall({ url: () => gatewayUrl, secret: internalSecret, service });
    const call = callAs('platform');
    const subgraphs: Record<string, Subgraph> = {};
    const subgraphUrls: Record<string, string> = {};
    const readiness = [...infra.readiness];
    for (const [i, f] of SUBGRAPH_FACTORIES.entries()) {
      const sgLogger = logger.child({ subgraph: f.name });
      const deps = await createSubgraphDeps({
        name: f.name,
        mongoUri,
        infra,
        logger: sgLogger,
        clock,
        calendar: opts.calendar,
        dbPrefix: opts.dbPrefix,
        importGate: opts.importGate,
      });
      cleanups.push(() => deps.close());
      const subgraph = await f.create({ ...deps, call: callAs(f.name) }, opts);
      // consumers now, relays once every subgraph listens (events left from before a restart)
      await subgraph.start({ relay: false });
      cleanups.push(async () => {
        // let events already published reach their consumers first (once for all subgraphs, bounded:
        // whatever is left stays PENDING in its outbox and is relayed after the next start)
        await drainOnce();
        await subgraph.stop();
      });
      const served = serveSubgraph({
        subgraph,
        verifier: createSubgraphVerifier(f.name, internalSecret),
        limits: subgraphQueryLimits({ ...DEFAULT_QUERY_LIMITS, ...opts.gatewayProtection?.limits }),
        logger: sgLogger,
        registry,
        readiness: deps.readiness,
      });
      const base = await served.listen(opts.subgraphPortBase ? opts.subgraphPortBase + i : 0, opts.host);
      cleanups.push(async () => {
        await served.close();
      });
      subgraphs[f.name] = subgraph;
      subgraphUrls[f.name] = `${base}/graphql`;
      readiness.push(...deps.readiness.filter((c) => c.name.startsWith('mongo:')));
    }

    for (const sg of Object.values(subgraphs)) sg.startRelay();
    const drain = (timeoutMs?: number) => infra.bus.drain(timeoutMs);
    const platform = (url: string): Platform => ({
      gatewayUrl: url,
      mongoUri,
      call,
      callAs,
      subgraphUrls,
      subgraphs,
      bus: infra.bus,
      drain,
      stop: stopAll,
    });
    if (opts.withGateway === false) return platform('');
    const gatewayVerifier = createGatewayVerifier({ users: opts.jwt, internalSecret });
    const gateway = await createGatewayServer({
      supergraphSdl: readSupergraphSdl(),
      subgraphs: Object.fromEntries(
        Object.entries(subgraphs).map(([name, sg]) => [
          name,
          opts.transport === 'in-process' ? { schema: sg.schema } : { url: subgraphUrls[name] },
        ]),
      ),
      verifier: gatewayVerifier,
      routes: {
        ...deadLetterRoutes(infra.bus, gatewayVerifier),
        ...(opts.devIde ? { ...devIdeRoutes(), ...storeTerminalRoutes() } : {}),
      },
      internalSecret,
      logger: logger.child({ component: 'gateway' }),
      registry,
      readiness,
      onFetch: opts.onFetch,
      // abuse limits from GATEWAY_* / MAX_* (gateway/README.md); rate limits counted in Redis when there is one
      protection: opts.gatewayProtection,
      redis: infra.redis,
    });
    cleanups.push(() => gateway.stop());
    const gatewayBase = await gateway.app.listen(opts.port, opts.host);
    gatewayUrl = `${gatewayBase}/graphql`;
    cleanups.push(() => gateway.app.close());
    return platform(gatewayUrl);
  } catch (error) {
    await stopAll();
    throw error;
  }
}
