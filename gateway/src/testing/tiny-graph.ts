import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLSchema, parse } from 'graphql';
import {
  TEST_INTERNAL_SECRET,
  TEST_SECRET,
  createGatewayVerifier,
  silentLogger,
} from '@zhongtai/subgraph-kit';
import { type GatewayOptions, type GatewayServer, createGatewayServer } from '../gateway-server.js';

/**
 * A two-subgraph graph for gateway tests (no store): `a` owns `Query.node`, `Query.hello` and
 * `Node.name`/`Node.next`; `b` adds `Node.score`/`Node.link`. Alternating `next` and `link` makes
 * the gateway plan one entity fetch per hop, so plans of any depth and breadth can be built.
 */
const SDL_A = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { node(id: ID!): Node  hello: String }
  type Node @key(fields: "id") { id: ID!  name: String  next: Node }
`;
const SDL_B = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Node @key(fields: "id") { id: ID!  score: Int  link: Node }
`;
type Node = { id: string };

let built: { supergraphSdl: string; a: GraphQLSchema; b: GraphQLSchema } | undefined;

export function tinyGraph(): { supergraphSdl: string; a: GraphQLSchema; b: GraphQLSchema } {
  if (built) return built;
  const composed = composeServices([
    { name: 'a', typeDefs: parse(SDL_A), url: 'http://a.invalid/graphql' },
    { name: 'b', typeDefs: parse(SDL_B), url: 'http://b.invalid/graphql' },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const a = buildSubgraphSchema({
    typeDefs: parse(SDL_A),
    resolvers: {
      Query: { node: (_: unknown, { id }: Node) => ({ id }), hello: () => 'world' },
      Node: {
        __resolveReference: (ref: Node) => ref,
        name: (n: Node) => `n${n.id}`,
        next: (n: Node) => ({ id: `${n.id}>` }),
      },
    } as never,
  });
  const b = buildSubgraphSchema({
    typeDefs: parse(SDL_B),
    resolvers: {
      Node: {
        __resolveReference: (ref: Node) => ref,
        score: (n: Node) => n.id.length,
        link: (n: Node) => ({ id: `${n.id}*` }),
      },
    } as never,
  });
  built = { supergraphSdl: composed.supergraphSdl, a, b };
  return built;
}

export interface TinyGateway {
  server: GatewayServer;
  url: string;
  close(): Promise<void>;
}

/** Our gateway over the tiny graph, in process, on a random loopback port. */
export async function startTinyGateway(opts: Partial<GatewayOptions> = {}): Promise<TinyGateway> {
  const { supergraphSdl, a, b } = tinyGraph();
  const server = await createGatewayServer({
    supergraphSdl,
    subgraphs: { a: { schema: a }, b: { schema: b } },
    verifier: createGatewayVerifier({ users: { secret: TEST_SECRET }, internalSecret: TEST_INTERNAL_SECRET }),
    internalSecret: TEST_INTERNAL_SECRET,
    logger: silentLogger(),
    ...opts,
  });
  const url = `${await server.app.listen(0, '127.0.0.1')}/graphql`;
  return {
    server,
    url,
    close: async () => {
      await server.app.close(500);
      await server.stop();
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL body (any shape) to `url`. */
export async function post(
  url: string,
  body: Record<string, unknown>,
  opts: { token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Pick<Answer, 'data' | 'errors'>;
  return { status: res.status, headers: res.headers, ...json };
}
