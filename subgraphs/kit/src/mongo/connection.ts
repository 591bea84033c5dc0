import mongoose, { type Connection } from 'mongoose';
import { currentStats } from '../context.js';

export interface MongoOptions {
  uri: string;
  /** one logical database per subgraph, e.g. `zhongtai_member` */
  dbName: string;
  /** build indexes at start (default true); production may prefer a migration step */
  autoIndex?: boolean;
}

/**
 * Opens a connection to one logical database. Every command the driver sends is counted against
 * the current request (see `runWithStats`), so tests and the bench can assert round trips per request.
 */
export async function connectMongo(opts: MongoOptions): Promise<Connection> {
  const conn = mongoose.createConnection(opts.uri, {
    dbName: opts.dbName,
    autoIndex: opts.autoIndex ?? true,
    monitorCommands: true,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
  });
  await conn.asPromise();
  conn.getClient().on('commandStarted', (ev) => {
    const stats = currentStats();
    if (stats && ev.commandName !== 'endSessions') stats.dbRoundTrips++;
  });
  return conn;
}

/** Answers true when the database responds to a ping. */
export async function pingMongo(conn: Connection): Promise<boolean> {
  try {
    await conn.db!.command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** True for a duplicate-key error (a replay hitting a unique index): the caller treats it as "already done". */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === 11000;
}
