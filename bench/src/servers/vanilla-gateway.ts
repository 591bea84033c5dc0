import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { type Claims, readSupergraphSdl } from '@zhongtai/contracts';
import { GATEWAY_ISSUER, InternalTokens, createTokenVerifier } from '@zhongtai/subgraph-kit';

/**
 * Bench baseline: a vanilla @apollo/gateway in Apollo Server 5 on the same supergraph, with the
 * default subgraph client. It does the least any deployment of our subgraphs needs: verify the
 * caller's token and send each subgraph the caller as an internal token (as our gateway does).
 */
const urls = JSON.parse(process.env.SUBGRAPH_URLS!) as Record<string, string>;
const verify = createTokenVerifier({ secret: process.env.JWT_SECRET! });
const internal = new InternalTokens(process.env.INTERNAL_TOKEN_SECRET!, GATEWAY_ISSUER);
const gateway = new ApolloGateway({
  supergraphSdl: readSupergraphSdl(),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource<{ claims?: Claims }>({
      url: urls[name],
      async willSendRequest({ request, context }) {
        if (context.claims)
          request.http?.headers.set('authorization', `Bearer ${await internal.sign(context.claims, name)}`);
      },
    }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => ({ claims: await verify(req.headers.authorization) }),
});
process.send!({ ready: url });
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
