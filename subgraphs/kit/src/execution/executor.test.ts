import { GraphQLID, GraphQLObjectType, GraphQLSchema, type GraphQLFieldConfigMap } from 'graphql';
import { silentLogger } from '../logging.js';
import type { RequestContext } from '../context.js';
import { GraphQLExecutor } from './executor.js';

interface Node {
  id: string;
}
const NodeType: GraphQLObjectType<Node> = new GraphQLObjectType<Node>({
  name: 'Node',
  fields: (): GraphQLFieldConfigMap<Node, unknown> => ({
    id: { type: GraphQLID },
    child: { type: NodeType, resolve: (n) => ({ id: `${n.id}.c` }) },
  }),
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { node: { type: NodeType, resolve: () => ({ id: 'n' }) } },
  }),
});
const ctx = { requestId: 't' } as unknown as RequestContext;
const nested = (levels: number) => `{ node { ${'child { '.repeat(levels)}id${' }'.repeat(levels)} } }`;

describe('GraphQLExecutor limits', () => {
  const executor = new GraphQLExecutor(schema, silentLogger(), {
    limits: { maxDepth: 4, maxFields: 20, maxAliases: 2 },
  });

  it('runs an operation within the limits', async () => {
    const out = await executor.run({ query: nested(2) }, ctx);
    expect(out).toEqual({ status: 200, body: { data: { node: { child: { child: { id: 'n.c.c' } } } } } });
  });

  it('refuses depth over the limit with QUERY_TOO_COMPLEX before executing', async () => {
    const out = await executor.run({ query: nested(4) }, ctx);
    expect(out.status).toBe(400);
    expect(out.body.errors).toEqual([
      { message: 'Query too complex: depth 6 > 4', extensions: { code: 'QUERY_TOO_COMPLEX' } },
    ]);
  });

  it('refuses too many aliases', async () => {
    const out = await executor.run({ query: '{ a: node { id } b: node { id } c: node { id } }' }, ctx);
    expect(out.body.errors?.[0]).toEqual({
      message: 'Query too complex: aliases 3 > 2',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  });

  it('by default allows the gateway’s depth + 2', async () => {
    const open = new GraphQLExecutor(schema, silentLogger());
    expect(open.limits.maxDepth).toBe(14);
    expect((await open.run({ query: nested(12) }, ctx)).status).toBe(200); // depth 14
    expect((await open.run({ query: nested(13) }, ctx)).body.errors?.[0].extensions?.code).toBe(
      'QUERY_TOO_COMPLEX',
    );
  });
});

describe('GraphQLExecutor cache', () => {
  it('is bounded in bytes and evicts the least recently used documents', async () => {
    const budget = 200_000;
    const executor = new GraphQLExecutor(schema, silentLogger(), { cacheBytes: budget });
    for (let i = 0; i < 100; i++)
      await executor.run({ query: `{ node { id } } # ${i} ${'x'.repeat(500)}` }, ctx);
    const { entries, bytes } = executor.cacheStats();
    expect(bytes).toBeLessThanOrEqual(budget);
    expect(entries).toBeGreaterThan(5);
    expect(entries).toBeLessThan(100);
  });
});
