import {
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  execute,
  parse,
  recommendedRules,
  specifiedRules,
  validate,
} from 'graphql';
import type { LRUCache } from 'lru-cache';
import type { RequestContext } from '../context.js';
import { formatError } from '../errors.js';
import type { Logger } from '../logging.js';
import { createDocumentCache, estimateDocumentBytes, estimateRefusalBytes } from './document-cache.js';
import { type QueryLimits, checkQueryLimits, subgraphQueryLimits } from './limits.js';

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface ExecutionOutcome {
  /** 200 when execution ran, 400 when the request was refused before execution */
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
}

type Prepared = { document: DocumentNode } | { errors: GraphQLFormattedError[] };

export interface ExecutorOptions {
  /**
   * depth/fields/aliases limits (QUERY_TOO_COMPLEX); default `subgraphQueryLimits()` of the
   * gateway's defaults, so that the gateway's fetches for an operation it accepted always pass
   */
  limits?: Partial<QueryLimits>;
  /** byte budget of the parse/validate cache (default 16 MB) */
  cacheBytes?: number;
}

/** Standard validation plus graphql-js' recommended rules (MaxIntrospectionDepthRule). */
export const VALIDATION_RULES = [...specifiedRules, ...recommendedRules];

/**
 * Executes GraphQL against a subgraph schema with a parse/validate cache keyed by the query text.
 * The same executor serves a subgraph over HTTP and inside the gateway process, so both paths
 * behave identically. It replaces Apollo Server's request pipeline in the subgraphs: the callers
 * are our gateway and trusted services, and the hot path is shorter (see gateway/README.md).
 */
export class GraphQLExecutor {
  private readonly prepared: LRUCache<string, Prepared>;
  readonly limits: QueryLimits;

  constructor(
    readonly schema: GraphQLSchema,
    private readonly logger: Logger,
    opts: ExecutorOptions = {},
  ) {
    this.limits = { ...subgraphQueryLimits(), ...opts.limits };
    this.prepared = createDocumentCache<Prepared>(opts.cacheBytes ?? 16 * 1024 * 1024, (p, query) =>
      'document' in p
        ? estimateDocumentBytes(query.length)
        : estimateRefusalBytes(query.length, JSON.stringify(p.errors).length),
    );
  }

  /** entries and bytes of the parse/validate cache */
  cacheStats(): { entries: number; bytes: number } {
    return { entries: this.prepared.size, bytes: this.prepared.calculatedSize };
  }

  async run(body: GraphQLRequestBody, ctx: RequestContext): Promise<ExecutionOutcome> {
    if (
      typeof body?.query !== 'string' ||
      (body.variables != null && typeof body.variables !== 'object') ||
      (body.operationName != null && typeof body.operationName !== 'string')
    ) {
      return refused('Expected { query: string, variables?: object, operationName?: string }');
    }
    const p = this.prepare(body.query);
    if ('errors' in p) return { status: 400, body: { errors: p.errors } };
    const result = await execute({
      schema: this.schema,
      document: p.document,
      variableValues: body.variables as Record<string, unknown> | undefined,
      operationName: body.operationName as string | undefined,
      contextValue: ctx,
    });
    const errors = result.errors?.map((e) => formatError(e.toJSON(), e, this.logger, ctx.requestId));
    // variable coercion failures come back without data: the request was refused, not executed
    const status = errors?.length && result.data === undefined ? 400 : 200;
    return { status, body: errors?.length ? { data: result.data, errors } : { data: result.data } };
  }

  private prepare(query: string): Prepared {
    let p = this.prepared.get(query);
    if (!p) {
      try {
        const document = parse(query);
        // limits before validation: an oversized operation costs no validation work
        const { error } = checkQueryLimits(document, this.limits);
        const errors = error ? [] : validate(this.schema, document, VALIDATION_RULES);
        p = error
          ? { errors: [error] }
          : errors.length
            ? {
                errors: errors.map((e) => ({
                  message: e.message,
                  locations: e.locations,
                  extensions: { code: 'BAD_USER_INPUT' },
                })),
              }
            : { document };
      } catch (error) {
        p = { errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT' } }] };
      }
      this.prepared.set(query, p);
    }
    return p;
  }
}

export function refused(message: string, code = 'BAD_USER_INPUT', status = 400): ExecutionOutcome {
  return { status, body: { errors: [{ message, extensions: { code } }] } };
}
