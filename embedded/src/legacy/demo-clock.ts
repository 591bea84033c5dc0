import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { connectMongo } from '@zhongtai/subgraph-kit';

/** The file in DATA_DIR that keeps the demo world's instant. */
export const DEMO_CLOCK_FILE = 'demo-world.json';

/**
 * The instant the demo brand's legacy history is generated around (`legacyWorldData({ now })`).
 *
 * The legacy systems date their records relative to it (sales over the last 180 days, balances as of
 * two days ago), and the platform keeps what it took from them under their natural keys — an opening
 * balance's `asOf` is part of its idempotent request. So a start on data that already holds the demo
 * must rebuild the very same history: the first start keeps its instant with the data, later starts
 * read it back, and the seed and the legacy sync send the same requests under the same keys (replays
 * that change nothing). Kept in `mongoUri`'s store when the platform uses an external one (database
 * `zhongtai_adapters`, collection `demo_world`), otherwise in `dataDir/demo-world.json`; with neither
 * the store starts empty and the history is built around `now`.
 */
export async function demoWorldClock(opts: {
  dataDir?: string;
  mongoUri?: string;
  now?: number;
}): Promise<number> {
  const now = opts.now ?? Date.now();
  if (opts.mongoUri) {
    const conn = await connectMongo({ uri: opts.mongoUri, dbName: 'zhongtai_adapters', autoIndex: false });
    try {
      const clocks = conn.db!.collection<{ _id: string; now: Date }>('demo_world');
      await clocks.updateOne({ _id: 'clock' }, { $setOnInsert: { now: new Date(now) } }, { upsert: true });
      const kept = await clocks.findOne({ _id: 'clock' });
      return kept ? kept.now.getTime() : now;
    } finally {
      await conn.close();
    }
  }
  if (!opts.dataDir) return now;
  const file = join(opts.dataDir, DEMO_CLOCK_FILE);
  const kept = await readFile(file, 'utf8').then(
    (text) => Date.parse((JSON.parse(text) as { now: string }).now),
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)),
  );
  if (kept !== undefined) {
    if (Number.isNaN(kept)) throw new Error(`${file} holds no instant ("now"); remove it with the data`);
    return kept;
  }
  await mkdir(opts.dataDir, { recursive: true });
  // written whole or not at all: a crash leaves the temp file, never half a clock
  const tmp = await open(`${file}.tmp`, 'w');
  try {
    await tmp.writeFile(`${JSON.stringify({ now: new Date(now).toISOString() })}\n`);
    await tmp.sync();
  } finally {
    await tmp.close();
  }
  await rename(`${file}.tmp`, file);
  return now;
}
