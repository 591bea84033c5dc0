import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** What an operation asks for, measured on its document before validation (fragments expanded). */
export interface QueryCost {
  /** deepest field level outside the introspection subtrees (root fields are level 1) */
  depth: number;
  /** field selections, fragments expanded, introspection included */
  fields: number;
  /** aliased field selections, fragments expanded: how one request multiplies an expensive field */
  aliases: number;
  /** deepest field level inside `__schema` / `__type` subtrees (0 without introspection) */
  introspectionDepth: number;
  /** the operation reads `__schema` or `__type` (`__typename` is not introspection here) */
  introspection: boolean;
  /** counting stopped early because the fields limit was passed (fragment bombs cost no more) */
  truncated: boolean;
}

export interface QueryLimits {
  maxDepth: number;
  maxFields: number;
  maxAliases: number;
  /**
   * depth bound of the `__schema` / `__type` subtrees, which are exempt from `maxDepth`: the
   * standard introspection query (graphql-js `getIntrospectionQuery()`) is 15 levels deep because of
   * its `ofType` chain. Validation's MaxIntrospectionDepthRule bounds their list nesting as well.
   */
  maxIntrospectionDepth: number;
}

/** The gateway's defaults (GATEWAY_* / MAX_QUERY_* env, gateway/README.md). */
export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 12,
  maxFields: 500,
  maxAliases: 15,
  maxIntrospectionDepth: 20,
});

/**
 * Limits for a subgraph behind a gateway with `gateway` limits: generous enough that the gateway's
 * own fetches for an operation it accepted are never refused. A fetch wraps a path in `_entities`
 * (+1 level; +2 leaves room for nested keys) and adds `__typename` and key fields to selection sets
 * (at most one of each per field of the operation, hence twice the fields plus slack); the planner
 * keeps the operation's aliases and adds a few of its own on conflicting fields.
 */
export function subgraphQueryLimits(gateway: QueryLimits = DEFAULT_QUERY_LIMITS): QueryLimits {
  return {
    maxDepth: gateway.maxDepth + 2,
    maxFields: gateway.maxFields * 2 + 100,
    maxAliases: gateway.maxAliases * 2 + 10,
    maxIntrospectionDepth: gateway.maxIntrospectionDepth,
  };
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Depth, fields and aliases of every operation in `document`, fragments expanded (a fragment cycle
 * is a validation error; `seen` still guards against it, since this runs before validation so that
 * an oversized operation costs no validation work). With `stopAfterFields`, counting stops once that
 * many fields are passed, so a fragment spread many times over costs at most that much work.
 */
export function measure(document: DocumentNode, stopAfterFields = Infinity): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const cost: QueryCost = {
    depth: 0,
    fields: 0,
    aliases: 0,
    introspectionDepth: 0,
    introspection: false,
    truncated: false,
  };
  const walk = (set: SelectionSetNode, level: number, inIntrospection: boolean, seen: Set<string>): void => {
    for (const s of set.selections) {
      if (cost.truncated) return;
      if (s.kind === Kind.FIELD) {
        if (++cost.fields > stopAfterFields) {
          cost.truncated = true;
          return;
        }
        if (s.alias) cost.aliases++;
        const introspection = inIntrospection || INTROSPECTION_ROOTS.has(s.name.value);
        if (introspection) {
          cost.introspection = true;
          cost.introspectionDepth = Math.max(cost.introspectionDepth, level);
        } else cost.depth = Math.max(cost.depth, level);
        if (s.selectionSet) walk(s.selectionSet, level + 1, introspection, seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet, level, inIntrospection, seen);
      } else {
        const name = s.name.value;
        const frag = fragments.get(name);
        if (frag && !seen.has(name))
          walk(frag.selectionSet, level, inIntrospection, new Set([...seen, name]));
      }
    }
  };
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet, 1, false, new Set());
  return cost;
}

/** The limits `cost` passes, as a readable list (`depth 15 > 12, aliases 40 > 15`); empty when within. */
export function exceededLimits(cost: QueryCost, limits: QueryLimits): string[] {
  const over: string[] = [];
  if (cost.depth > limits.maxDepth) over.push(`depth ${cost.depth} > ${limits.maxDepth}`);
  if (cost.fields > limits.maxFields)
    over.push(
      cost.truncated ? `fields > ${limits.maxFields}` : `fields ${cost.fields} > ${limits.maxFields}`,
    );
  if (cost.aliases > limits.maxAliases) over.push(`aliases ${cost.aliases} > ${limits.maxAliases}`);
  if (cost.introspectionDepth > limits.maxIntrospectionDepth)
    over.push(`introspection depth ${cost.introspectionDepth} > ${limits.maxIntrospectionDepth}`);
  return over;
}

/**
 * Measures `document` against `limits`: a QUERY_TOO_COMPLEX error naming what was exceeded, or
 * undefined. The gateway and every subgraph executor refuse with it, before validation.
 */
export function checkQueryLimits(
  document: DocumentNode,
  limits: QueryLimits,
): { cost: QueryCost; error?: GraphQLFormattedError } {
  const cost = measure(document, limits.maxFields);
  const over = exceededLimits(cost, limits);
  return over.length
    ? {
        cost,
        error: {
          message: `Query too complex: ${over.join(', ')}`,
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        },
      }
    : { cost };
}
