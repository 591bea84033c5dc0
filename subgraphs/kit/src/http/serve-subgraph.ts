import type { Registry } from 'prom-client';
import type { Claims } from '@zhongtai/contracts';
import type { TokenVerifier } from '../auth/verifier.js';
import { type RequestContext, type RequestStats, newStats, runWithStats } from '../context.js';
import { GraphQLExecutor, type GraphQLRequestBody, refused } from '../execution/executor.js';
import type { QueryLimits } from '../execution/limits.js';
import type { Logger } from '../logging.js';
import { graphqlMetrics, operationMetrics } from '../metrics.js';
import { withServerSpan } from '../tracing.js';
import type { Subgraph } from '../subgraph.js';
import {
  type HealthCheck,
  type HttpApp,
  createHttpApp,
  headerValue,
  readBody,
  sendJson,
} from './http-app.js';

/** Builds the context every resolver sees from already-verified claims. */
export function contextFromClaims(
  claims: Claims,
  requestId: string,
  logger: Logger,
  stats: RequestStats = newStats(),
): RequestContext {
  return { requestId, claims, tenant: claims.tenant, logger, stats, memo: new Map() };
}

export interface ServeOptions {
  subgraph: Subgraph;
  verifier: TokenVerifier;
  logger: Logger;
  registry?: Registry;
  readiness?: HealthCheck[];
  /** `/metrics` on a port of its own (METRICS_PORT) */
  metricsPort?: number;
  /** depth/field/alias limits (`subgraphQueryLimits` of the gateway's; its defaults when absent) */
  limits?: QueryLimits;
  /** called after each request with its counters (tests count database round trips with it) */
  onRequest?: (stats: RequestStats) => void;
}

/**
 * Serves one subgraph over HTTP: POST /graphql with a JSON body and the caller's bearer token,
 * which the subgraph verifies itself. The response carries `x-zt-db-round-trips`, which the
 * gateway adds up per federated request.
 */
export function serveSubgraph(opts: ServeOptions): HttpApp {
  const { subgraph, logger } = opts;
  const metrics = opts.registry ? graphqlMetrics(opts.registry) : undefined;
  const operations = opts.registry ? operationMetrics(opts.registry) : undefined;
  const executor = new GraphQLExecutor(subgraph.schema, logger, { limits: opts.limits });

  return createHttpApp({
    name: subgraph.name,
    logger,
    metrics: opts.registry,
    metricsPort: opts.metricsPort,
    readiness: opts.readiness ?? [],
    graphql: (req, res, requestId) =>
      withServerSpan(
        `${subgraph.name} graphql`,
        req.headers,
        { 'zt.subgraph': subgraph.name },
        async (span) => {
          const started = process.hrtime.bigint();
          const stats = newStats(requestId);
          let operationName: string | undefined;
          const outcome = await runWithStats(stats, async () => {
            if (req.method !== 'POST') return refused('Use POST with a JSON body', 'BAD_USER_INPUT', 405);
            if (!(headerValue(req, 'content-type') ?? '').startsWith('application/json'))
              return refused('Content-Type must be application/json', 'BAD_USER_INPUT', 415);
            const raw = await readBody(req);
            if (raw === null) return refused('Request body too large', 'BAD_USER_INPUT', 413);
            let body: GraphQLRequestBody;
            try {
              body = JSON.parse(raw) as GraphQLRequestBody;
            } catch {
              return refused('Body is not valid JSON');
            }
            operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
            let claims: Claims;
            try {
              claims = await opts.verifier(headerValue(req, 'authorization'));
            } catch (error) {
              return refused((error as Error).message, 'UNAUTHENTICATED', 401);
            }
            return executor.run(body, contextFromClaims(claims, requestId, logger, stats));
          });
          res.setHeader('x-zt-db-round-trips', String(stats.dbRoundTrips));
          sendJson(res, outcome.status, outcome.body);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics?.duration.observe({ service: subgraph.name }, seconds);
          operations?.record(
            subgraph.name,
            operationName,
            seconds,
            (outcome.body as { errors?: Array<{ extensions?: Record<string, unknown> }> }).errors,
          );
          metrics?.requests.inc({ service: subgraph.name, outcome: outcome.status < 400 ? 'ok' : 'error' });
          metrics?.dbRoundTrips.observe({ service: subgraph.name }, stats.dbRoundTrips);
          span.setAttributes({
            'graphql.operation.name': operationName ?? '',
            'http.response.status_code': outcome.status,
            'zt.db_commands': stats.dbRoundTrips,
          });
          opts.onRequest?.(stats);
        },
      ),
  });
}
