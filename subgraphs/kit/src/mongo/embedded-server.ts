import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface EmbeddedMongo {
  /** `mongodb://127.0.0.1:<port>` – pass a dbName per subgraph when connecting */
  uri: string;
  /** with `dataDir`: what the start found there */
  recovery?: EmbeddedRecovery;
  stop(): Promise<void>;
}

/**
 * What an acknowledged write survives (with `dataDir`; see the kit README, "The embedded store"):
 * - `fsync`: its journal record was written and fdatasync'ed (group commit) — kill -9, OS crash, power cut;
 * - `batch`: its journal record was written — kill -9 of the process; an OS crash or power cut may lose ~100 ms;
 * - `snapshot`: nothing until the next snapshot (every 5 s and at stop) — kill -9 loses up to 5 s.
 */
export type EmbeddedDurability = 'fsync' | 'batch' | 'snapshot';
export const EMBEDDED_DURABILITIES: readonly EmbeddedDurability[] = ['fsync', 'batch', 'snapshot'];
export const DEFAULT_EMBEDDED_DURABILITY: EmbeddedDurability = 'batch';

export interface EmbeddedRecovery {
  /** a snapshot was loaded */
  snapshot: boolean;
  /** the EJSON file of the former 5-second snapshots was loaded (it is replaced by the first snapshot) */
  legacyJson: boolean;
  /** journal records replayed on top of the snapshot */
  journalRecords: number;
  /** bytes of a torn last record dropped (a crash while it was written: it was never acknowledged) */
  droppedBytes: number;
}

export interface EmbeddedMongoOptions {
  port?: number;
  host?: string;
  /** keep the data in this folder between starts: a journal of every write command and snapshots */
  dataDir?: string;
  /** with `dataDir`: what an acknowledged write survives (default `batch`) */
  durability?: EmbeddedDurability;
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
  const durable = server.getStorage().durable;
  parentPort.postMessage({ port: server.server.address().port, recovery: durable ? durable.recovery : undefined });
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

const STORE_FILES = 'zhongtai-embedded';

/**
 * The CongoServer options for `opts`: memory storage (the file adapter is unpatched and unsafe), made
 * durable in `dataDir` by the patch's journal and snapshots (`storage/Durability.js` in
 * `patches/@push.rocks+smartmongo+2.2.0.patch`). The EJSON file of the former 5-second snapshots
 * (`zhongtai-embedded.json`) is still read once and replaced by the first snapshot.
 */
function storeOptions(opts: EmbeddedMongoOptions): Record<string, unknown> {
  const durability = opts.durability ?? DEFAULT_EMBEDDED_DURABILITY;
  if (!EMBEDDED_DURABILITIES.includes(durability))
    throw new Error(`durability must be one of ${EMBEDDED_DURABILITIES.join(', ')}, not ${durability}`);
  return {
    port: opts.port ?? 0,
    host: opts.host ?? '127.0.0.1',
    storage: 'memory',
    ...(opts.dataDir
      ? {
          durable: {
            dir: opts.dataDir,
            name: STORE_FILES,
            mode: durability,
            legacyJsonPath: join(opts.dataDir, `${STORE_FILES}.json`),
          },
        }
      : {}),
  };
}

const moduleUrl = () =>
  pathToFileURL(createRequire(import.meta.url).resolve('@push.rocks/smartmongo/dist_ts/congodb/index.js'))
    .href;

/**
 * What `startEmbeddedMongo` runs on its worker thread: the script and its data. A test runs the same
 * in a child process of its own, to kill it with SIGKILL.
 */
export function embeddedStoreWorker(opts: EmbeddedMongoOptions = {}): {
  script: string;
  workerData: { moduleUrl: string; options: Record<string, unknown> };
} {
  return { script: WORKER, workerData: { moduleUrl: moduleUrl(), options: storeOptions(opts) } };
}

/**
 * Starts the MongoDB-wire-compatible embedded store (CongoDB from @push.rocks/smartmongo, patched in
 * `patches/` so string `_id`s round-trip and indexes are enforced and used; see the kit README and the
 * canary suite in `embedded-store.canary.test.ts`). The deep import skips the package's index, which
 * would load mongodb-memory-server.
 */
export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.thread === false) {
    const { CongoServer } = await import('@push.rocks/smartmongo/dist_ts/congodb/index.js');
    const server = new CongoServer(storeOptions(opts) as ConstructorParameters<typeof CongoServer>[0]);
    await server.start();
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    const durable = (server.getStorage() as { durable?: { recovery: EmbeddedRecovery } | null }).durable;
    return {
      uri: `mongodb://${host}:${address.port}`,
      recovery: durable ? { ...durable.recovery } : undefined,
      stop: () => server.stop(),
    };
  }
  return startInWorker(host, embeddedStoreWorker(opts));
}

type WorkerMessage = { port?: number; recovery?: EmbeddedRecovery; stopped?: boolean; error?: string };

async function startInWorker(
  host: string,
  spec: ReturnType<typeof embeddedStoreWorker>,
): Promise<EmbeddedMongo> {
  const worker = new Worker(spec.script, { eval: true, workerData: spec.workerData });
  const next = () =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (m: WorkerMessage) => {
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
    recovery: started.recovery,
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
