import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readSupergraphSdl } from '@zhongtai/contracts';

/**
 * Bench baseline: a vanilla @apollo/gateway in Apollo Server 5 on the same supergraph, with the
 * default subgraph client, forwarding the caller's token (the least any real deployment needs).
 */
const urls = JSON.parse(process.env.SUBGRAPH_URLS!) as Record<string, string>;
const gateway = new ApolloGateway({
  supergraphSdl: readSupergraphSdl(),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource<{ authorization?: string }>({
      url: urls[name],
      willSendRequest({ request, context }) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
      },
    }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: 0, host: '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
process.send!({ ready: url });
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
