import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from './embedded-server.js';

const portOf = (uri: string) => Number(new URL(uri).port);
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

async function roundTrip(uri: string, doc?: { _id: string; n: number }) {
  const client = await mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 3000 });
  try {
    const c = client.db('t').collection<{ _id: string; n: number }>('things');
    if (doc) await c.insertOne(doc);
    return await c.find({}).toArray();
  } finally {
    await client.close();
  }
}

describe('startEmbeddedMongo', () => {
  it.each([true, false])('serves the wire protocol and stops for good (thread: %s)', async (thread) => {
    const store = await startEmbeddedMongo({ thread });
    expect(await roundTrip(store.uri, { _id: 'a', n: 1 })).toEqual([{ _id: 'a', n: 1 }]);
    await store.stop();
    await store.stop(); // idempotent
    expect(await accepts(portOf(store.uri))).toBe(false);
  });

  it('keeps data in dataDir between starts (worker thread)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zt-embedded-'));
    try {
      const first = await startEmbeddedMongo({ dataDir: dir });
      await roundTrip(first.uri, { _id: 'kept', n: 7 });
      await first.stop();
      const second = await startEmbeddedMongo({ dataDir: dir });
      expect(await roundTrip(second.uri)).toEqual([{ _id: 'kept', n: 7 }]);
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
