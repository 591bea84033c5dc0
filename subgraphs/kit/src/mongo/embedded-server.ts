import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` – pass a dbName per subgraph when connecting */
  uri: string;
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  port?: number;
  host?: string;
  /** keep the data in this folder between starts (an EJSON snapshot every 5 s and at stop) */
  dataDir?: string;
  /**
   * Run the store on a worker thread of its own (default true): its CPU work (query matching,
   * BSON, index upkeep) then runs beside the subgraphs' instead of on their event loop — ~1.3x the
   * order-ingestion rate on the 2-core dev machine. `false` runs it on the caller's thread.
   */
  thread?: boolean;
}

/** The worker's body: a CommonJS script (eval), so it loads from any caller, compiled or not. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { CongoServer } = await import(workerData.moduleUrl);
  const server = new CongoServer(workerData.options);
  await server.start();
  parentPort.on('message', (m) => {
    if (m !== 'stop') return;
    server.stop().then(
      () => parentPort.postMessage({ stopped: true }),
      (e) => parentPort.postMessage({ stopped: true, error: String((e && e.stack) || e) }),
    );
  });
  parentPort.postMessage({ port: server.server.address().port });
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

/**
 * Starts the MongoDB-wire-compatible embedded store (CongoDB from @push.rocks/smartmongo, patched in
 * `patches/` so string `_id`s round-trip and indexes are enforced and used; see the kit README and the
 * canary suite in `embedded-store.canary.test.ts`). The deep import skips the package's index, which
 * would load mongodb-memory-server.
 */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = opts.host ?? '127.0.0.1';
  const options = {
    port: opts.port ?? 0,
    host,
    storage: 'memory',
    // memory storage (the file adapter is unpatched and unsafe); an EJSON snapshot every 5 s keeps data between starts
    ...(opts.dataDir
      ? { persistPath: `${opts.dataDir}/zhongtai-embedded.json`, persistIntervalMs: 5000 }
      : {}),
  };
  if (opts.thread === false) {
    const { CongoServer } = await import('@push.rocks/smartmongo/dist_ts/congodb/index.js');
    const server = new CongoServer(options as ConstructorParameters<typeof CongoServer>[0]);
    await server.start();
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    return { uri: `mongodb://${host}:${address.port}`, stop: () => server.stop() };
  }
  const moduleUrl = pathToFileURL(
    createRequire(import.meta.url).resolve('@push.rocks/smartmongo/dist_ts/congodb/index.js'),
  ).href;
  return startInWorker(host, moduleUrl, options);
}

async function startInWorker(host: string, moduleUrl: string, options: object): Promise<EmbeddedMongo> {
  const worker = new Worker(WORKER, { eval: true, workerData: { moduleUrl, options } });
  const next = () =>
    new Promise<{ port?: number; stopped?: boolean; error?: string }>((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (m: { port?: number; stopped?: boolean; error?: string }) => {
        worker.off('error', onError);
        resolve(m);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
  const started = await next();
  if (started.error || !started.port) {
    await worker.terminate();
    throw new Error(`the embedded store did not start: ${started.error ?? 'no port'}`);
  }
  // the store never keeps a process alive by itself
  worker.unref();
  let stopping: Promise<void> | undefined;
  return {
    uri: `mongodb://${host}:${started.port}`,
    stop: () =>
      (stopping ??= (async () => {
        const done = next();
        worker.postMessage('stop');
        const r = await done.catch((error: Error) => ({ error: error.message }));
        await worker.terminate();
        if (r.error) throw new Error(`the embedded store did not stop cleanly: ${r.error}`);
      })()),
  };
}
