import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { type DocumentNode, type GraphQLSchema, execute, parse, validate } from 'graphql';
import { LRUCache } from 'lru-cache';
import { type Logger, contextFromClaims, formatError } from '@zhongtai/subgraph-kit';
import type { GatewayContext } from '../context.js';

/**
 * Executes a subgraph's schema in this process (the all-in-one mode): no HTTP, no JSON round trip.
 * Each subgraph still gets its own request context (own DataLoaders) built from the verified claims.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly documents = new LRUCache<string, DocumentNode>({ max: 2000 });

  constructor(
    private readonly name: string,
    private readonly schema: GraphQLSchema,
    private readonly logger: Logger,
    private readonly onFetch?: (name: string) => void,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<GraphQLDataSource['process']> {
    const { request, context } = options;
    this.onFetch?.(this.name);
    const query = request.query ?? '';
    let document = this.documents.get(query);
    if (!document) {
      // the gateway's query planner wrote this operation; validate it once, then reuse it
      const parsed = parse(query);
      const errors = validate(this.schema, parsed);
      if (errors.length) return { errors: errors.map((e) => e.toJSON()) };
      document = parsed;
      this.documents.set(query, document);
    }
    const ctx = contextFromClaims(context.claims, context.requestId, this.logger, context.stats);
    const result = await execute({
      schema: this.schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: ctx,
    });
    return {
      data: result.data as Record<string, unknown> | null | undefined,
      errors: result.errors?.map((e) => formatError(e.toJSON(), e, this.logger, context.requestId)),
    } as Awaited<ReturnType<GraphQLDataSource['process']>>;
  }
}
