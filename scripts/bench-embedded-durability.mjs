// What durability costs the embedded store: insertOne / updateOne ops/s through the real mongodb driver,
// 16 in flight, for each EMBEDDED durability mode (no dataDir = memory only), on this machine.
// Run (after `npx tsc --build`): node scripts/bench-embedded-durability.mjs [--ops 3000] [--rounds 5]
//   [--modes memory,snapshot,batch,fsync]
// Prints each turn, then per mode the median ops/s, the stop (final snapshot) and restart (replay) times.
import { mkdtemp, rm, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../subgraphs/kit/dist/mongo/embedded-server.js';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '5' },
    modes: { type: 'string', default: 'memory,snapshot,batch,fsync' },
    inflight: { type: 'string', default: '16' },
  },
});
const OPS = Number(values.ops);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = Number(values.inflight);
const MODES = values.modes.split(',');

async function pool(n, limit, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

async function rate(n, task) {
  const t = performance.now();
  await pool(n, IN_FLIGHT, task);
  return (n * 1000) / (performance.now() - t);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function dirBytes(dir) {
  let total = 0;
  for (const f of await readdir(dir)) total += (await stat(join(dir, f))).size;
  return total;
}

// the modes take turns (memory, snapshot, batch, fsync, memory, ...) so a change in the machine's load
// falls on all of them; each turn starts a fresh store, warms it up, then measures
async function turn(mode) {
  const dir = await mkdtemp(join(tmpdir(), 'zt-bench-durability-'));
  try {
    const store = await startEmbeddedMongo(mode === 'memory' ? {} : { dataDir: dir, durability: mode });
    const client = await mongoose.mongo.MongoClient.connect(store.uri, { maxPoolSize: IN_FLIGHT + 4 });
    const c = client.db('bench').collection('orders');
    await c.createIndex({ tenant: 1, memberId: 1, placedAt: 1 });
    const order = (i) => ({
      _id: `o-${i}`,
      tenant: 'demo',
      memberId: `m-${i % 500}`,
      placedAt: new Date(1_700_000_000_000 + i * 1000),
      total: 1000 + (i % 97),
      lines: [{ sku: `SKU-${i % 50}`, quantity: 1 + (i % 3), unitPrice: 990 }],
    });
    const WARM = 1000;
    await rate(WARM, (i) => c.insertOne(order(OPS + i)));
    await rate(WARM, (i) => c.updateOne({ _id: `o-${OPS + i}` }, { $inc: { total: 1 } }));
    const insertOne = await rate(OPS, (i) => c.insertOne(order(i)));
    const updateOne = await rate(OPS, (i) =>
      c.updateOne({ _id: `o-${(i * 7919) % OPS}` }, { $inc: { total: 1 } }),
    );
    await client.close();
    const t = performance.now();
    await store.stop();
    const out = { insertOne, updateOne, stopMs: performance.now() - t };
    if (mode !== 'memory') {
      out.bytesOnDisk = await dirBytes(dir);
      const t2 = performance.now();
      const again = await startEmbeddedMongo({ dataDir: dir, durability: mode });
      out.restartMs = performance.now() - t2;
      const client2 = await mongoose.mongo.MongoClient.connect(again.uri);
      out.docsAfterRestart = await client2.db('bench').collection('orders').countDocuments();
      await client2.close();
      await again.stop();
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const turns = Object.fromEntries(MODES.map((m) => [m, []]));
for (let round = 0; round < ROUNDS; round++)
  for (const mode of MODES) {
    const r = await turn(mode);
    turns[mode].push(r);
    console.log(
      JSON.stringify({ round, mode, insertOne: Math.round(r.insertOne), updateOne: Math.round(r.updateOne) }),
    );
  }
const summary = MODES.map((mode) => {
  const rs = turns[mode];
  const line = {
    mode,
    insertOne: Math.round(median(rs.map((r) => r.insertOne))),
    updateOne: Math.round(median(rs.map((r) => r.updateOne))),
    stopMs: Math.round(median(rs.map((r) => r.stopMs))),
  };
  if (mode !== 'memory')
    Object.assign(line, {
      restartMs: Math.round(median(rs.map((r) => r.restartMs))),
      bytesOnDisk: rs[0].bytesOnDisk,
      docsAfterRestart: rs[0].docsAfterRestart,
    });
  return line;
});
console.log(`median of ${ROUNDS} turns, ${OPS} ops each, ${IN_FLIGHT} in flight:`);
const memory = summary.find((r) => r.mode === 'memory');
for (const r of summary)
  console.log(
    JSON.stringify(r) +
      (memory && r !== memory
        ? `  insertOne ${Math.round((100 * r.insertOne) / memory.insertOne)}% of memory, ` +
          `updateOne ${Math.round((100 * r.updateOne) / memory.updateOne)}%`
        : ''),
  );
