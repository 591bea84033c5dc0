import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Registry } from 'prom-client';
import type { Claims } from '@zhongtai/contracts';
import type { TokenVerifier } from '../auth/verifier.js';
import { type RequestContext, type RequestStats, newStats, runWithStats } from '../context.js';
import { formatError } from '../errors.js';
import type { Logger } from '../logging.js';
import { graphqlMetrics } from '../metrics.js';
import type { Subgraph } from '../subgraph.js';
import { type HealthCheck, type HttpApp, createHttpApp, headerValue } from './http-app.js';
import { apolloHandler } from './apollo-handler.js';

/** Builds the context every resolver sees from already-verified claims. */
export function contextFromClaims(claims: Claims, requestId: string, logger: Logger, stats: RequestStats = newStats()): RequestContext {
  return { requestId, claims, tenant: claims.tenant, logger, stats, memo: new Map() };
}

/** Turns a DomainError from token verification into the GraphQL error Apollo returns as-is. */
export function authError(error: unknown): GraphQLError {
  const code = (error as { code?: string }).code ?? 'UNAUTHENTICATED';
  return new GraphQLError((error as Error).message, { extensions: { code, http: { status: 401 } } });
}

export interface ServeOptions {
  subgraph: Subgraph;
  verifier: TokenVerifier;
  logger: Logger;
  registry?: Registry;
  readiness?: HealthCheck[];
  /** called after each request with its counters (tests count database round trips with it) */
  onRequest?: (stats: RequestStats) => void;
}

export interface ServedSubgraph {
  app: HttpApp;
  apollo: ApolloServer<RequestContext>;
}

/** Serves one subgraph over HTTP (Apollo Server 5 behind a plain node:http server). */
export async function serveSubgraph(opts: ServeOptions): Promise<ServedSubgraph> {
  const { subgraph, logger } = opts;
  const metrics = opts.registry ? graphqlMetrics(opts.registry) : undefined;
  const apollo = new ApolloServer<RequestContext>({
    schema: subgraph.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: (formatted, error) => formatError(formatted, error, logger),
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
  });
  await apollo.start();

  const statsByReq = new WeakMap<IncomingMessage, RequestStats>();
  const handler = apolloHandler(
    apollo,
    async (req, requestId) => {
      let claims: Claims;
      try {
        claims = await opts.verifier(headerValue(req, 'authorization'));
      } catch (error) {
        throw authError(error);
      }
      return contextFromClaims(claims, requestId, logger.child({ requestId }), statsByReq.get(req));
    },
    undefined,
    // the gateway adds these up, so a whole federated request's database round trips are visible
    (req, res) => res.setHeader('x-zt-db-round-trips', String(statsByReq.get(req)?.dbRoundTrips ?? 0)),
  );

  const app = createHttpApp({
    name: subgraph.name,
    logger,
    metrics: opts.registry,
    readiness: opts.readiness ?? [],
    graphql: async (req, res, requestId) => {
      const stats = newStats(requestId);
      statsByReq.set(req, stats);
      const started = process.hrtime.bigint();
      await runWithStats(stats, () => handler(req, res, requestId));
      metrics?.duration.observe({ service: subgraph.name }, Number(process.hrtime.bigint() - started) / 1e9);
      metrics?.requests.inc({ service: subgraph.name, outcome: res.statusCode < 400 ? 'ok' : 'error' });
      metrics?.dbRoundTrips.observe({ service: subgraph.name }, stats.dbRoundTrips);
      opts.onRequest?.(stats);
    },
  });
  return { app, apollo };
}
