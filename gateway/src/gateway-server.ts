import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  getOperationAST,
  parse,
  validate,
} from 'graphql';
import { Counter, type Registry } from 'prom-client';
import {
  type Handler,
  type HealthCheck,
  type HttpApp,
  type Logger,
  type RedisClient,
  type TokenVerifier,
  VALIDATION_RULES,
  checkQueryLimits,
  createDocumentCache,
  estimateDocumentBytes,
  estimateRefusalBytes,
  GATEWAY_ISSUER,
  InternalTokens,
  subgraphQueryLimits,
  createHttpApp,
  formatError,
  graphqlMetrics,
  operationMetrics,
  withServerSpan,
  headerValue,
  newStats,
  readBody,
  runWithStats,
  sendJson,
} from '@zhongtai/subgraph-kit';
import type { GatewayContext } from './context.js';
import { InProcessDataSource } from './datasources/in-process-data-source.js';
import { UndiciDataSource } from './datasources/undici-data-source.js';
import { type SubgraphCallSettings, SubgraphGuard } from './datasources/subgraph-guard.js';
import type { GatewayProtection } from './config.js';
import { DEFAULT_GATEWAY_LIMITS, type GatewayLimits, queryTooLarge } from './limits.js';
import { type OperationsManifest, type OperationsMode, OperationResolver, sha256Hex } from './operations.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings, type RateLimited, RateLimits } from './rate-limits.js';

export * from './operations.js';
export * from './rate-limits.js';

export type SubgraphTarget = { url: string } | { schema: GraphQLSchema };

export interface GatewayOptions {
  supergraphSdl: string;
  /** per subgraph name: a URL (HTTP) or a schema executed in this process; missing names use the supergraph's URL */
  subgraphs?: Record<string, SubgraphTarget>;
  /** `/metrics` on a port of its own (METRICS_PORT), not beside `/graphql` */
  metricsPort?: number;
  /** HTTP subgraphs: the deadline per call and the circuit breaker (SUBGRAPH_TIMEOUT_MS, SUBGRAPH_BREAKER_*) */
  subgraphCalls?: SubgraphCallSettings;
  /** users' tokens and services' tokens (`createGatewayVerifier`) */
  verifier: TokenVerifier;
  /** key of the internal tokens the gateway sends its subgraphs */
  internalSecret: string;
  logger: Logger;
  registry?: Registry;
  readiness?: HealthCheck[];
  /** query depth/fields/aliases, introspection depth, query text and body sizes (defaults: DEFAULT_GATEWAY_LIMITS) */
  limits?: Partial<GatewayLimits>;
  /** byte budgets: parsed documents, @apollo/gateway's query plans (MiB, approximate), APQ texts (0: no APQ) */
  caches?: Partial<GatewayProtection['caches']>;
  /** per client address, per failed verification, per verified caller by role (0: off) */
  rateLimits?: Partial<Omit<RateLimitSettings, 'perRole'>> & {
    perRole?: Partial<RateLimitSettings['perRole']>;
  };
  /** `registered`: only the manifest's operations run (SYSTEM callers excepted); default `any` */
  operations?: { mode?: OperationsMode; manifest?: OperationsManifest };
  /** answer `__schema` / `__type` (default true; `NODE_ENV=production` turns it off in `loadGatewayProtection`) */
  introspection?: boolean;
  /** the rate limits count in Redis (shared by every worker and instance) instead of process memory */
  redis?: RedisClient;
  /**
   * the settings read from the environment by the entry point (`loadGatewayProtection`, GATEWAY_*,
   * MAX_*); defaults when absent; the explicit options above win
   */
  protection?: GatewayProtection;
  /** counts subgraph calls (tests pin batching with it) */
  onFetch?: (subgraph: string) => void;
  /** extra HTTP routes by exact path (the all-in-one process's `/admin/dead-letters`) */
  routes?: Record<string, Handler>;
}

export interface GatewayServer {
  app: HttpApp;
  schema: GraphQLSchema;
  /** the settings in force, after defaults, environment and options */
  protection: GatewayProtection;
  /** entries and bytes of the byte-bounded caches (tests, metrics) */
  cacheStats(): { documents: { entries: number; bytes: number }; apq: { entries: number; bytes: number } };
  stop(): Promise<void>;
}

interface Prepared {
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  queryHash: string;
  errors?: GraphQLFormattedError[];
  /** HTTP status of a refusal (400 unless said otherwise) */
  status?: number;
}

/** The settings without environment: every limit at its default, introspection on, any operation. */
function defaultProtection(): GatewayProtection {
  return {
    limits: { ...DEFAULT_GATEWAY_LIMITS },
    caches: { documentBytes: 64 * 1024 * 1024, planMiB: 30, apqBytes: 8 * 1024 * 1024 },
    rateLimits: { ...DEFAULT_RATE_LIMITS, perRole: { ...DEFAULT_RATE_LIMITS.perRole } },
    operations: { mode: 'any' },
    introspection: true,
  };
}

function resolveProtection(opts: GatewayOptions): GatewayProtection {
  const base = opts.protection ?? defaultProtection();
  return {
    limits: { ...base.limits, ...opts.limits },
    caches: { ...base.caches, ...opts.caches },
    rateLimits: {
      ...base.rateLimits,
      ...opts.rateLimits,
      perRole: { ...base.rateLimits.perRole, ...opts.rateLimits?.perRole },
    },
    operations: { ...base.operations, ...opts.operations },
    introspection: opts.introspection ?? base.introspection,
  };
}

const errorBody = (message: string, code: string, extensions: Record<string, unknown> = {}) => ({
  errors: [{ message, extensions: { code, ...extensions } }],
});

/**
 * Our gateway: @apollo/gateway's query planner and executor behind a lean HTTP front (no Apollo
 * Server request pipeline), with a parse/validate/plan cache keyed by the query text, JWT
 * verification, limits, and keep-alive or in-process subgraph clients.
 */
export async function createGatewayServer(opts: GatewayOptions): Promise<GatewayServer> {
  const { logger } = opts;
  const protection = resolveProtection(opts);
  const { limits } = protection;
  const operations = new OperationResolver(
    protection.operations.mode,
    protection.operations.manifest,
    protection.caches.apqBytes,
  );
  let storeWarned = 0;
  const rateLimits = new RateLimits(protection.rateLimits, opts.redis, undefined, (error) => {
    // at most one warning a minute while Redis is away; the limits meanwhile count in this process
    if (Date.now() - storeWarned < 60_000) return;
    storeWarned = Date.now();
    logger.warn({ err: error }, 'rate limits: Redis unavailable, counting in process memory meanwhile');
  });
  const sources: GraphQLDataSource[] = [];
  // subgraphs accept only these: the verified caller, signed by the gateway, one audience per subgraph
  const internalTokens = new InternalTokens(opts.internalSecret, GATEWAY_ISSUER);
  const remote: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    __exposeQueryPlanExperimental: false,
    // its query-plan LRU (InMemoryLRUCache, sized by each plan's JSON length): explicit, not implicit
    experimental_approximateQueryPlanStoreMiB: protection.caches.planMiB,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: (m: unknown) => logger.warn(String(m)),
      error: (m: unknown) => logger.error(String(m)),
    },
    buildService: ({ name, url }) => {
      const target = opts.subgraphs?.[name];
      const source =
        target && 'schema' in target
          ? new InProcessDataSource(name, target.schema, logger, opts.onFetch, subgraphQueryLimits(limits))
          : new UndiciDataSource({
              name,
              url: (remote[name] = target?.url ?? url!),
              onFetch: opts.onFetch,
              tokens: internalTokens,
              guard: new SubgraphGuard(name, opts.subgraphCalls, opts.registry),
            });
      sources.push(source);
      return source;
    },
  });
  const { schema, executor } = await gateway.load();

  // parsed and validated operations by query text, bounded in bytes (text + an estimate of the document)
  const prepared = createDocumentCache<Prepared>(protection.caches.documentBytes, (p, query) =>
    p.document
      ? estimateDocumentBytes(query.length)
      : estimateRefusalBytes(query.length, JSON.stringify(p.errors).length),
  );
  const metrics = opts.registry ? graphqlMetrics(opts.registry) : undefined;
  const operationStats = opts.registry ? operationMetrics(opts.registry) : undefined;
  const rejected = opts.registry
    ? new Counter({
        name: 'zt_gateway_rejected_total',
        help: 'Requests refused before execution',
        labelNames: ['code'],
        registers: [opts.registry],
      })
    : undefined;

  function prepare(query: string): Prepared {
    let p = prepared.get(query);
    if (p) return p;
    const queryHash = sha256Hex(query);
    try {
      const document = parse(query);
      // the limits first (no schema needed): an oversized operation costs no validation work
      const { cost, error: tooComplex } = checkQueryLimits(document, limits);
      if (tooComplex) p = { queryHash, errors: [tooComplex] };
      else if (cost.introspection && !protection.introspection)
        p = {
          queryHash,
          status: 403,
          errors: [
            { message: 'Introspection is disabled on this gateway', extensions: { code: 'FORBIDDEN' } },
          ],
        };
      else {
        const errors = validate(schema, document, VALIDATION_RULES);
        p = errors.length
          ? {
              queryHash,
              errors: errors.map((e) => ({
                message: e.message,
                locations: e.locations,
                extensions: { code: 'BAD_USER_INPUT' },
              })),
            }
          : { queryHash, document };
      }
    } catch (error) {
      p = {
        queryHash,
        errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT' } }],
      };
    }
    prepared.set(query, p);
    return p;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, {
        errors: [{ message: 'Use POST with a JSON body', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
    const type = headerValue(req, 'content-type') ?? '';
    // CSRF prevention: a browser cannot send application/json cross-site without a preflight
    if (!type.startsWith('application/json'))
      return reply(res, 415, {
        errors: [
          { message: 'Content-Type must be application/json', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
    const raw = await readBody(req, limits.maxBodyBytes);
    if (raw === null)
      return reply(res, 413, {
        errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    let body: { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown };
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(res, 400, {
        errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
    if (
      !body ||
      typeof body !== 'object' ||
      (typeof body.query !== 'string' && !(body.query == null && body.extensions != null)) ||
      (body.variables != null && typeof body.variables !== 'object') ||
      (body.operationName != null && typeof body.operationName !== 'string') ||
      (body.extensions != null && typeof body.extensions !== 'object')
    ) {
      return reply(res, 400, {
        errors: [
          {
            message:
              'Expected { query: string, variables?: object, operationName?: string, extensions?: { persistedQuery } }',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
    }
    // before parsing, before verifying: the text's size alone
    if (typeof body.query === 'string' && queryTooLarge(body.query, limits.maxQueryBytes)) {
      rejected?.inc({ code: 'QUERY_TOO_COMPLEX' });
      return reply(
        res,
        400,
        errorBody(`Query too large (over ${limits.maxQueryBytes} bytes)`, 'QUERY_TOO_COMPLEX'),
      );
    }
    const authorization = headerValue(req, 'authorization') ?? '';
    let claims;
    try {
      claims = await opts.verifier(authorization);
    } catch (error) {
      rejected?.inc({ code: 'UNAUTHENTICATED' });
      return reply(res, 401, {
        errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    const limited = await rateLimits.hitCaller(claims, authorization);
    if (limited) return tooMany(res, limited);
    // automatic persisted queries and the registered-only mode; SYSTEM callers (adapters, imports,
    // services) are trusted with operations of their own
    const resolved = operations.resolve(
      { query: (body.query as string | undefined) ?? undefined, extensions: body.extensions ?? undefined },
      claims.role === 'SYSTEM',
    );
    if ('error' in resolved) {
      rejected?.inc({ code: String(resolved.error.extensions?.code) });
      return reply(res, resolved.status, { errors: [resolved.error] });
    }
    const query = resolved.query;
    const p = prepare(query);
    if (p.errors) {
      rejected?.inc({ code: String(p.errors[0].extensions?.code) });
      return reply(res, p.status ?? 400, { errors: p.errors });
    }
    const operationName = (body.operationName as string | undefined) ?? null;
    const operation = getOperationAST(p.document!, operationName);
    if (!operation)
      return reply(res, 400, {
        errors: [
          { message: 'Could not determine which operation to run', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });

    const stats = newStats(requestId);
    const context: GatewayContext = { requestId, claims, authorization, stats };
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const requestContext = {
      request: { query, variables, operationName: operationName ?? undefined },
      document: p.document!,
      source: query,
      queryHash: p.queryHash,
      operationName,
      operation,
      context,
      schema,
      schemaHash: 'supergraph',
      logger,
      metrics: {},
      overallCachePolicy: {},
      cache: undefined,
    } as unknown as Parameters<typeof executor>[0];
    const started = process.hrtime.bigint();
    const result = await runWithStats(stats, () => executor(requestContext));
    const errors = result.errors?.map((e) => {
      const err = e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message));
      return formatError(err.toJSON(), err, logger, requestId);
    });
    operationStats?.record(
      'gateway',
      operationName ?? operation.name?.value,
      Number(process.hrtime.bigint() - started) / 1e9,
      errors as Array<{ extensions?: Record<string, unknown> }> | undefined,
    );
    res.setHeader('x-zt-db-round-trips', String(stats.dbRoundTrips));
    reply(res, 200, errors?.length ? { data: result.data, errors } : { data: result.data });
  }

  function reply(res: ServerResponse, status: number, body: unknown): void {
    sendJson(res, status, body);
  }

  function tooMany(res: ServerResponse, limited: RateLimited): void {
    rejected?.inc({ code: 'RATE_LIMITED' });
    res.setHeader('retry-after', String(limited.retryAfterSeconds));
    const what = { address: 'this address', 'auth-failures': 'this address', token: 'this caller' }[
      limited.limit
    ];
    reply(
      res,
      429,
      errorBody(
        limited.limit === 'auth-failures'
          ? `Too many failed authentications from ${what}; retry in ${limited.retryAfterSeconds} s`
          : `Too many requests from ${what}; retry in ${limited.retryAfterSeconds} s`,
        'RATE_LIMITED',
        { retryAfter: limited.retryAfterSeconds },
      ),
    );
  }

  const app = createHttpApp({
    name: 'gateway',
    logger,
    routes: opts.routes,
    metrics: opts.registry,
    metricsPort: opts.metricsPort,
    // ready only when every remote subgraph says it is ready (and the embedded checks pass)
    readiness: [
      ...(opts.readiness ?? []),
      ...Object.entries(remote).map(([name, url]) => ({
        name: `subgraph:${name}`,
        // the gateway still answers the others' fields: reported, not a reason to leave the rotation
        scope: 'dependency' as const,
        check: () => isReady(url),
      })),
    ],
    graphql: (req, res, requestId) =>
      withServerSpan('gateway graphql', req.headers, { 'zt.request_id': requestId }, async () => {
        const started = process.hrtime.bigint();
        // per client address, before the body is read or the token looked at
        const address = rateLimits.clientKey(req);
        const limited = await rateLimits.hitAddress(address);
        if (limited) tooMany(res, limited);
        else {
          await handle(req, res, requestId);
          // a failed verification counts against the address (token guessing); past the limit it is refused
          if (res.statusCode === 401) await rateLimits.authFailed(address);
        }
        metrics?.duration.observe({ service: 'gateway' }, Number(process.hrtime.bigint() - started) / 1e9);
        metrics?.requests.inc({ service: 'gateway', outcome: res.statusCode < 400 ? 'ok' : 'error' });
      }),
  });

  return {
    app,
    schema,
    protection,
    cacheStats: () => ({
      documents: { entries: prepared.size, bytes: prepared.calculatedSize },
      apq: operations.apqStats,
    }),
    stop: async () => {
      await gateway.stop();
      await Promise.all(sources.map((s) => (s as { close?: () => Promise<void> }).close?.()));
    },
  };
}

async function isReady(graphqlUrl: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/readyz', graphqlUrl), { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}
