import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import {
  type EmbeddedDurability,
  type EmbeddedMongo,
  embeddedStoreWorker,
  startEmbeddedMongo,
} from './embedded-server.js';

/**
 * What the embedded store keeps in `dataDir` (the patch's journal and snapshots, kit README "The
 * embedded store"): every write it acknowledged survives SIGKILL, nothing of a command is kept in
 * part, a torn last journal record is dropped, a graceful stop leaves a snapshot.
 */
type Client = InstanceType<typeof mongoose.mongo.MongoClient>;
type Doc = { _id: string; batch?: number; i?: number; n?: number; touched?: boolean };

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'zt-durable-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The store on a worker thread of a child process of its own (what startEmbeddedMongo runs), to SIGKILL it. */
const CHILD = `
const { Worker } = require('node:worker_threads');
const spec = JSON.parse(process.env.ZT_STORE_SPEC);
const worker = new Worker(spec.script, { eval: true, workerData: spec.workerData });
worker.on('message', (m) => { if (m.port || m.error) process.stdout.write(JSON.stringify(m) + '\\n'); });
worker.on('error', (e) => { process.stderr.write(String(e.stack || e)); process.exit(1); });
`;

async function startChild(
  dataDir: string,
  durability: EmbeddedDurability,
): Promise<{ child: ChildProcess; uri: string }> {
  const child = spawn(process.execPath, ['-e', CHILD], {
    env: { ...process.env, ZT_STORE_SPEC: JSON.stringify(embeddedStoreWorker({ dataDir, durability })) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const m = JSON.parse(line) as { port?: number; error?: string };
      if (m.port) resolve(m.port);
      else reject(new Error(`the store did not start: ${m.error}`));
    });
    child.once('exit', (code) => reject(new Error(`the store exited (${code}): ${err}`)));
  });
  return { child, uri: `mongodb://127.0.0.1:${port}` };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const connect = (uri: string) =>
  mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 3000, maxPoolSize: 20 });

/** What the writers know: what was acknowledged, and what was sent without an answer. */
interface Ledger {
  batches: number; // insertMany of 5 docs each, batch ids 0..batches-1 sent
  inserted: Set<number>; // acknowledged
  touchSent: Set<number>; // updateMany { batch } $set touched
  touched: Set<number>;
  deleteSent: Set<number>; // deleteMany { batch }
  deleted: Set<number>;
  incSent: number[]; // per counter: $inc / findOneAndUpdate $inc sent ...
  incAcked: number[]; // ... and acknowledged
}
const COUNTERS = 6;
const PER_BATCH = 5;

/** 16 writers until the store dies; every answer received is recorded as acknowledged. */
async function writeUntilKilled(
  client: Client,
  ledger: Ledger,
  kill: () => Promise<void>,
  killAfterMs: number,
) {
  const c = client.db('durable').collection<Doc>('things');
  let dead = false;
  const pickFrom = (set: Set<number>, except: Set<number>) => {
    const xs = [...set].filter((k) => !except.has(k));
    return xs.length ? xs[Math.floor(Math.random() * xs.length)] : undefined;
  };
  const writer = async () => {
    while (!dead) {
      const roll = Math.random();
      try {
        if (roll < 0.4) {
          const k = ledger.batches++;
          await c.insertMany(
            Array.from({ length: PER_BATCH }, (_, i) => ({ _id: `b${k}-${i}`, batch: k, i })),
          );
          ledger.inserted.add(k);
        } else if (roll < 0.55) {
          const k = pickFrom(ledger.inserted, ledger.deleteSent);
          if (k === undefined) continue;
          ledger.touchSent.add(k);
          await c.updateMany({ batch: k }, { $set: { touched: true } });
          ledger.touched.add(k);
        } else if (roll < 0.62) {
          const k = pickFrom(ledger.inserted, ledger.deleteSent);
          if (k === undefined) continue;
          ledger.deleteSent.add(k);
          await c.deleteMany({ batch: k });
          ledger.deleted.add(k);
        } else {
          const j = Math.floor(Math.random() * COUNTERS);
          ledger.incSent[j]++;
          if (roll < 0.8) await c.updateOne({ _id: `c${j}` }, { $inc: { n: 1 } }, { upsert: true });
          else await c.findOneAndUpdate({ _id: `c${j}` }, { $inc: { n: 1 } }, { upsert: true });
          ledger.incAcked[j]++;
        }
      } catch (error) {
        if (!dead) throw error;
      }
    }
  };
  const writers = Array.from({ length: 16 }, writer);
  await new Promise((r) => setTimeout(r, killAfterMs));
  dead = true; // answers still in flight may arrive: they are acknowledgements all the same
  await kill();
  await Promise.all(writers);
}

/** Checks the restarted store against the ledger; returns the counters found (the next round's base). */
async function verify(client: Client, ledger: Ledger, base: number[]): Promise<number[]> {
  const c = client.db('durable').collection<Doc>('things');
  const docs = await c.find({}).toArray();
  const byBatch = new Map<number, Doc[]>();
  for (const d of docs) if (d.batch !== undefined) byBatch.set(d.batch, [...(byBatch.get(d.batch) ?? []), d]);
  for (let k = 0; k < ledger.batches; k++) {
    const found = byBatch.get(k) ?? [];
    const touched = found.filter((d) => d.touched).length;
    // never part of one command: all 5 documents or none, all touched or none
    expect({ k, n: [0, PER_BATCH].includes(found.length) }).toEqual({ k, n: true });
    expect({ k, touched: [0, found.length].includes(touched) }).toEqual({ k, touched: true });
    // every acknowledged command is there
    if (ledger.deleted.has(k)) expect({ k, n: found.length }).toEqual({ k, n: 0 });
    else if (ledger.inserted.has(k) && !ledger.deleteSent.has(k))
      expect({ k, n: found.length }).toEqual({ k, n: PER_BATCH });
    if (ledger.touched.has(k) && !ledger.deleteSent.has(k))
      expect({ k, touched }).toEqual({ k, touched: PER_BATCH });
  }
  const counters = Array.from({ length: COUNTERS }, (_, j) => docs.find((d) => d._id === `c${j}`)?.n ?? 0);
  for (let j = 0; j < COUNTERS; j++) {
    // each acknowledged $inc exactly once; an unanswered one at most once
    expect(counters[j]).toBeGreaterThanOrEqual(base[j] + ledger.incAcked[j]);
    expect(counters[j]).toBeLessThanOrEqual(base[j] + ledger.incSent[j]);
  }
  return counters;
}

const newLedger = (): Ledger => ({
  batches: 0,
  inserted: new Set(),
  touchSent: new Set(),
  touched: new Set(),
  deleteSent: new Set(),
  deleted: new Set(),
  incSent: Array(COUNTERS).fill(0),
  incAcked: Array(COUNTERS).fill(0),
});

describe('embedded store durability (dataDir)', () => {
  it.each(['fsync', 'batch'] as const)(
    'keeps every acknowledged write, and no command in part, across SIGKILL at a random moment (%s)',
    async (durability) => {
      const dir = await tempDir();
      let base = Array(COUNTERS).fill(0) as number[];
      let batches = 0;
      for (let round = 0; round < 2; round++) {
        const { child, uri } = await startChild(dir, durability);
        const client = await connect(uri);
        const ledger = { ...newLedger(), batches };
        const killAfterMs = 500 + Math.floor(Math.random() * 1000);
        await writeUntilKilled(client, ledger, () => killed(child), killAfterMs);
        await client.close(true);
        expect(ledger.inserted.size).toBeGreaterThan(0);

        const store = await startEmbeddedMongo({ dataDir: dir, durability });
        try {
          expect(store.recovery?.journalRecords).toBeGreaterThan(0);
          const check = await connect(store.uri);
          try {
            base = await verify(check, ledger, base);
          } finally {
            await check.close();
          }
        } finally {
          await store.stop();
        }
        batches = ledger.batches;
      }
    },
    60_000,
  );

  it('loses what came after the last snapshot in snapshot mode, but never part of a command', async () => {
    const dir = await tempDir();
    const { child, uri } = await startChild(dir, 'snapshot');
    const client = await connect(uri);
    const ledger = newLedger();
    await writeUntilKilled(client, ledger, () => killed(child), 400);
    await client.close(true);
    const snapshotted = (await readdir(dir)).includes('zhongtai-embedded.snapshot');
    expect(ledger.inserted.size).toBeGreaterThan(0);
    const store = await startEmbeddedMongo({ dataDir: dir, durability: 'snapshot' });
    try {
      const check = await connect(store.uri);
      const docs = await check.db('durable').collection<Doc>('things').find({}).toArray();
      // killed before the first snapshot (every 5 s): nothing acknowledged is there
      if (!snapshotted) expect(docs).toEqual([]);
      // and whatever a snapshot holds is whole commands
      for (let k = 0; k < ledger.batches; k++)
        expect([0, PER_BATCH]).toContain(docs.filter((d) => d.batch === k).length);
      await check.close();
    } finally {
      await store.stop();
    }
  }, 30_000);

  /** Journal records of a dataDir: [offset, length] of each, by the framing (u32 length, u32 crc, payload). */
  async function journal(dir: string) {
    const files = (await readdir(dir)).filter((f) => /\.journal\.\d+$/.test(f)).sort();
    const file = join(dir, files[files.length - 1]);
    const buf = await readFile(file);
    const records: Array<[number, number]> = [];
    for (let off = 0; off + 8 <= buf.length;) {
      const n = buf.readUInt32LE(off);
      if (n === 0) break;
      records.push([off, 8 + n]);
      off += 8 + n;
    }
    return { file, buf, records };
  }

  async function writeTwentyThenKill(dir: string) {
    const { child, uri } = await startChild(dir, 'fsync');
    const client = await connect(uri);
    const c = client.db('durable').collection<Doc>('things');
    for (let i = 0; i < 20; i++) await c.insertOne({ _id: `d${i}`, i });
    await client.close(true);
    await killed(child);
  }

  it.each([
    ['cut short', async (file: string, at: number, len: number) => truncate(file, at + Math.floor(len / 2))],
    [
      'cut short in a zero-filled journal',
      async (file: string, at: number, len: number, buf: Buffer) => {
        buf.fill(0, at + Math.floor(len / 2), at + len);
        await writeFile(file, buf);
      },
    ],
    [
      'failing its checksum',
      async (file: string, at: number, len: number, buf: Buffer) => {
        buf[at + len - 3] ^= 0xff;
        await writeFile(file, buf);
      },
    ],
  ])(
    'drops a torn last journal record (%s) and keeps writing after it',
    async (_, tear) => {
      const dir = await tempDir();
      await writeTwentyThenKill(dir);
      const { file, buf, records } = await journal(dir);
      const [at, len] = records[records.length - 1];
      await tear(file, at, len, buf);

      let store: EmbeddedMongo = await startEmbeddedMongo({ dataDir: dir });
      expect(store.recovery).toMatchObject({ journalRecords: records.length - 1 });
      expect(store.recovery!.droppedBytes).toBeGreaterThan(0);
      let client = await connect(store.uri);
      const ids = async () =>
        (await client.db('durable').collection<Doc>('things').find({}).toArray()).map((d) => d._id).sort();
      const first19 = Array.from({ length: 19 }, (_, i) => `d${i}`).sort();
      expect(await ids()).toEqual(first19);
      await client.db('durable').collection<Doc>('things').insertOne({ _id: 'after' });
      await client.close();
      await store.stop();

      store = await startEmbeddedMongo({ dataDir: dir });
      client = await connect(store.uri);
      expect(await ids()).toEqual([...first19, 'after'].sort());
      await client.close();
      await store.stop();
    },
    30_000,
  );

  it('stops with a snapshot and an empty journal; a restart reads the snapshot alone', async () => {
    const dir = await tempDir();
    let store = await startEmbeddedMongo({ dataDir: dir });
    let client = await connect(store.uri);
    const c = () => client.db('durable').collection<Doc>('things');
    await c().createIndex({ batch: 1 }, { unique: true, sparse: true });
    await c().insertMany([{ _id: 'a', batch: 1 }, { _id: 'b' }]);
    await c().updateOne({ _id: 'b' }, { $set: { n: 2 } });
    await client.close();
    await store.stop();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    store = await startEmbeddedMongo({ dataDir: dir });
    expect(store.recovery).toMatchObject({ snapshot: true, journalRecords: 0, droppedBytes: 0 });
    client = await connect(store.uri);
    expect(await c().find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', batch: 1 },
      { _id: 'b', n: 2 },
    ]);
    // the unique index came back with the data
    await expect(c().insertOne({ _id: 'c', batch: 1 })).rejects.toMatchObject({ code: 11000 });
    await client.close();
    await store.stop();
  });

  it('refuses a second store on a folder in use, and takes it over from a process that is gone', async () => {
    const dir = await tempDir();
    const { child } = await startChild(dir, 'batch');
    await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toThrow(/in use by process/);
    await killed(child);
    const store = await startEmbeddedMongo({ dataDir: dir });
    await store.stop();
  });

  it('refuses to start on a damaged snapshot instead of starting empty', async () => {
    const dir = await tempDir();
    const store = await startEmbeddedMongo({ dataDir: dir });
    const client = await connect(store.uri);
    await client.db('durable').collection<Doc>('things').insertOne({ _id: 'x' });
    await client.close();
    await store.stop();
    const file = join(dir, 'zhongtai-embedded.snapshot');
    const buf = await readFile(file);
    buf[buf.length - 10] ^= 0xff;
    await writeFile(file, buf);
    await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toThrow(/damaged/);
  });

  it('reads the EJSON file of the former 5-second snapshots once, then replaces it', async () => {
    const dir = await tempDir();
    const legacy = join(dir, 'zhongtai-embedded.json');
    const { CongoServer } = await import('@push.rocks/smartmongo/dist_ts/congodb/index.js');
    const old = new CongoServer({ port: 0, storage: 'memory', persistPath: legacy } as never);
    await old.start();
    const port = (old as unknown as { server: { address(): { port: number } } }).server.address().port;
    const oldClient = await connect(`mongodb://127.0.0.1:${port}`);
    await oldClient.db('durable').collection<Doc>('things').insertOne({ _id: 'kept', n: 1 });
    await oldClient.close();
    await old.stop(); // writes the EJSON file

    let store = await startEmbeddedMongo({ dataDir: dir });
    expect(store.recovery).toMatchObject({ legacyJson: true });
    let client = await connect(store.uri);
    expect(await client.db('durable').collection<Doc>('things').findOne({ _id: 'kept' })).toEqual({
      _id: 'kept',
      n: 1,
    });
    await client.close();
    await store.stop();
    expect(await readdir(dir)).not.toContain('zhongtai-embedded.json');

    store = await startEmbeddedMongo({ dataDir: dir });
    expect(store.recovery).toMatchObject({ snapshot: true, legacyJson: false });
    client = await connect(store.uri);
    expect(await client.db('durable').collection('things').countDocuments()).toBe(1);
    await client.close();
    await store.stop();
  });
});
