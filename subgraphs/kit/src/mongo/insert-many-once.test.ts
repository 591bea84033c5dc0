import mongoose, { type Connection } from 'mongoose';
import { insertManyOnce } from './connection.js';
import { type EmbeddedMongo, startEmbeddedMongo } from './embedded-server.js';

let server: EmbeddedMongo;
let db: Connection;
beforeAll(async () => {
  server = await startEmbeddedMongo();
  db = await mongoose.createConnection(server.uri, { dbName: 'insert_many_once' }).asPromise();
});
afterAll(async () => {
  await db.close();
  await server.stop();
});

describe('insertManyOnce', () => {
  it('inserts in one command what is new and answers only those ids; existing ones are kept as they were', async () => {
    const things = { collection: db.collection<{ _id: string; v: number }>('things') };
    await things.collection.insertOne({ _id: 'b', v: 0 });
    expect(
      await insertManyOnce(things, [
        { _id: 'a', v: 1 },
        { _id: 'b', v: 1 },
        { _id: 'c', v: 1 },
      ]),
    ).toEqual(['a', 'c']);
    expect(await things.collection.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 0 },
      { _id: 'c', v: 1 },
    ]);
    expect(await insertManyOnce(things, [{ _id: 'a', v: 2 }])).toEqual([]);
    expect(await insertManyOnce(things, [])).toEqual([]);
  });
});
