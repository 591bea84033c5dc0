import { createHash } from 'node:crypto';
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
import { LRUCache } from 'lru-cache';
import { Counter, type Registry } from 'prom-client';
import {
  type HealthCheck,
  type HttpApp,
  type Logger,
  type TokenVerifier,
  GATEWAY_ISSUER,
  InternalTokens,
  createHttpApp,
  formatError,
  graphqlMetrics,
  headerValue,
  newStats,
  readBody,
  runWithStats,
  sendJson,
} from '@zhongtai/subgraph-kit';
import type { GatewayContext } from './context.js';
import { InProcessDataSource } from './datasources/in-process-data-source.js';
import { UndiciDataSource } from './datasources/undici-data-source.js';
import { measure } from './limits.js';

export type SubgraphTarget = { url: string } | { schema: GraphQLSchema };

export interface GatewayOptions {
  supergraphSdl: string;
  /** per subgraph name: a URL (HTTP) or a schema executed in this process; missing names use the supergraph's URL */
  subgraphs?: Record<string, SubgraphTarget>;
  /** users' tokens and services' tokens (`createGatewayVerifier`) */
  verifier: TokenVerifier;
  /** key of the internal tokens the gateway sends its subgraphs */
  internalSecret: string;
  logger: Logger;
  registry?: Registry;
  readiness?: HealthCheck[];
  limits?: { maxDepth?: number; maxFields?: number; maxBodyBytes?: number };
  /** counts subgraph calls (tests pin batching with it) */
  onFetch?: (subgraph: string) => void;
}

export interface GatewayServer {
  app: HttpApp;
  schema: GraphQLSchema;
  stop(): Promise<void>;
}

interface Prepared {
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  queryHash: string;
  errors?: GraphQLFormattedError[];
}

/**
 * Our gateway: @apollo/gateway's query planner and executor behind a lean HTTP front (no Apollo
 * Server request pipeline), with a parse/validate/plan cache keyed by the query text, JWT
 * verification, limits, and keep-alive or in-process subgraph clients.
 */
export async function createGatewayServer(opts: GatewayOptions): Promise<GatewayServer> {
  const { logger } = opts;
  const maxDepth = opts.limits?.maxDepth ?? 12;
  const maxFields = opts.limits?.maxFields ?? 500;
  const sources: GraphQLDataSource[] = [];
  // subgraphs accept only these: the verified caller, signed by the gateway, one audience per subgraph
  const internalTokens = new InternalTokens(opts.internalSecret, GATEWAY_ISSUER);
  const remote: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    __exposeQueryPlanExperimental: false,
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
          ? new InProcessDataSource(name, target.schema, logger, opts.onFetch)
          : new UndiciDataSource({
              name,
              url: (remote[name] = target?.url ?? url!),
              onFetch: opts.onFetch,
              tokens: internalTokens,
            });
      sources.push(source);
      return source;
    },
  });
  const { schema, executor } = await gateway.load();

  const prepared = new LRUCache<string, Prepared>({ max: 5000 });
  const metrics = opts.registry ? graphqlMetrics(opts.registry) : undefined;
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
    const queryHash = createHash('sha256').update(query).digest('hex');
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      if (errors.length)
        p = {
          queryHash,
          errors: errors.map((e) => ({
            message: e.message,
            locations: e.locations,
            extensions: { code: 'BAD_USER_INPUT' },
          })),
        };
      else {
        const cost = measure(document);
        if (cost.depth > maxDepth || cost.fields > maxFields) {
          p = {
            queryHash,
            errors: [
              {
                message: `Query too complex (depth ${cost.depth}/${maxDepth}, fields ${cost.fields}/${maxFields})`,
                extensions: { code: 'QUERY_TOO_COMPLEX' },
              },
            ],
          };
        } else p = { queryHash, document };
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
    const raw = await readBody(req, opts.limits?.maxBodyBytes ?? 256_000);
    if (raw === null)
      return reply(res, 413, {
        errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(res, 400, {
        errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
    if (
      typeof body?.query !== 'string' ||
      (body.variables != null && typeof body.variables !== 'object') ||
      (body.operationName != null && typeof body.operationName !== 'string')
    ) {
      return reply(res, 400, {
        errors: [
          {
            message: 'Expected { query: string, variables?: object, operationName?: string }',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
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
    const p = prepare(body.query);
    if (p.errors) {
      rejected?.inc({ code: String(p.errors[0].extensions?.code) });
      return reply(res, 400, { errors: p.errors });
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
      request: { query: body.query, variables, operationName: operationName ?? undefined },
      document: p.document!,
      source: body.query,
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
    const result = await runWithStats(stats, () => executor(requestContext));
    const errors = result.errors?.map((e) => {
      const err = e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message));
      return formatError(err.toJSON(), err, logger, requestId);
    });
    res.setHeader('x-zt-db-round-trips', String(stats.dbRoundTrips));
    reply(res, 200, errors?.length ? { data: result.data, errors } : { data: result.data });
  }

  function reply(res: ServerResponse, status: number, body: unknown): void {
    sendJson(res, status, body);
  }

  const app = createHttpApp({
    name: 'gateway',
    logger,
    metrics: opts.registry,
    // ready only when every remote subgraph says it is ready (and the embedded checks pass)
    readiness: [
      ...(opts.readiness ?? []),
      ...Object.entries(remote).map(([name, url]) => ({
        name: `subgraph:${name}`,
        check: () => isReady(url),
      })),
    ],
    graphql: async (req, res, requestId) => {
      const started = process.hrtime.bigint();
      await handle(req, res, requestId);
      metrics?.duration.observe({ service: 'gateway' }, Number(process.hrtime.bigint() - started) / 1e9);
      metrics?.requests.inc({ service: 'gateway', outcome: res.statusCode < 400 ? 'ok' : 'error' });
    },
  });

  return {
    app,
    schema,
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
