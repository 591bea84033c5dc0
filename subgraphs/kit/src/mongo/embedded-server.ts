import type { AddressInfo } from 'node:net';

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` – pass a dbName per subgraph when connecting */
  uri: string;
  stop(): Promise<void>;
}

/**
 * Starts the in-process MongoDB-wire-compatible store (CongoDB from @push.rocks/smartmongo,
 * patched in `patches/` so string `_id`s round-trip and unique indexes are enforced; see
 * `../shared/notes/embedded-mongo.md` and the canary suite in `embedded-server.test.ts`).
 * The deep import skips the package's index, which would load mongodb-memory-server.
 */
export async function startEmbeddedMongo(
  opts: { port?: number; host?: string; dataDir?: string } = {},
): Promise<EmbeddedMongo> {
  const { CongoServer } = await import('@push.rocks/smartmongo/dist_ts/congodb/index.js');
  const host = opts.host ?? '127.0.0.1';
  const server = new CongoServer({
    port: opts.port ?? 0,
    host,
    storage: 'memory',
    // memory storage (the file adapter is unpatched and unsafe); an EJSON snapshot every 5 s keeps data between starts
    ...(opts.dataDir
      ? { persistPath: `${opts.dataDir}/zhongtai-embedded.json`, persistIntervalMs: 5000 }
      : {}),
  });
  await server.start();
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    uri: `mongodb://${host}:${address.port}`,
    stop: () => server.stop(),
  };
}
