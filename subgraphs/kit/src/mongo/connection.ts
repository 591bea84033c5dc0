import mongoose, { type Connection, type Model, type Schema, type mongo } from 'mongoose';
import type { Span } from '@opentelemetry/api';
import { currentStats } from '../context.js';
import { startClientSpan, tracingEnabled } from '../tracing.js';

// A query records where it was created (`new Error().stack`) only to say so when it is executed twice;
// that costs ~1.5% of the CPU of a busy process (profiled on the survey bench) for a message we never need.
mongoose.set('skipOriginalStackTraces', true);

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
    // an undefined field is left out (as mongoose does), never stored as null
    ignoreUndefined: true,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
  });
  await conn.asPromise();
  const client = conn.getClient();
  // a span per command while tracing (the driver emits its events in the caller's async context)
  const spans = new Map<number, Span>();
  client.on('commandStarted', (ev) => {
    const stats = currentStats();
    if (stats && ev.commandName !== 'endSessions') stats.dbRoundTrips++;
    if (!tracingEnabled()) return;
    const collection = ev.command?.[ev.commandName];
    const span = startClientSpan(`mongodb ${ev.commandName}`, {
      'db.system': 'mongodb',
      'db.namespace': ev.databaseName,
      'db.operation.name': ev.commandName,
      ...(typeof collection === 'string' ? { 'db.collection.name': collection } : {}),
    });
    if (span) spans.set(ev.requestId, span);
  });
  const end = (ev: { requestId: number }, failure?: Error) => {
    const span = spans.get(ev.requestId);
    if (!span) return;
    spans.delete(ev.requestId);
    if (failure) span.recordException(failure);
    span.end();
  };
  client.on('commandSucceeded', (ev) => end(ev));
  client.on('commandFailed', (ev) => end(ev, ev.failure));
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

/**
 * Inserts a complete document straight through the driver. Hot write paths use it instead of
 * `Model.create`, whose document machinery (validation, hooks, an Error object with a stack trace
 * built for every save) cost ~20% of the CPU of an order's ingestion in a profile; callers pass
 * fully formed documents (their types say so) and rely on unique indexes, not on mongoose, for guarantees.
 */
export async function insertRaw<T>(
  model: { collection: { insertOne(doc: never): Promise<unknown> } },
  doc: T,
): Promise<void> {
  await model.collection.insertOne(doc as never);
}

/** `insertRaw` once per `_id`: false when a document with that id (or another unique key) exists. */
export async function insertOnce<T>(
  model: { collection: { insertOne(doc: never): Promise<unknown> } },
  doc: T,
): Promise<boolean> {
  try {
    await insertRaw(model, doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/**
 * `insertOnce` for many documents in one command (unordered): the `_id`s this call inserted; those
 * that existed already (a duplicate key) are skipped, any other error is thrown.
 */
export async function insertManyOnce<T extends { _id: unknown }>(
  model: { collection: { insertMany(docs: never, opts: { ordered: false }): Promise<unknown> } },
  docs: T[],
): Promise<Array<T['_id']>> {
  if (!docs.length) return [];
  try {
    await model.collection.insertMany(docs as never, { ordered: false });
    return docs.map((d) => d._id);
  } catch (error) {
    const skipped = duplicatesOnly(error);
    return docs.filter((_, i) => !skipped.has(i)).map((d) => d._id);
  }
}

/**
 * An unordered bulk write whose statements may meet a duplicate key (an upsert of a document someone
 * else wrote first): its result, or null when some statements were refused that way; any other error
 * is thrown.
 */
export async function bulkWriteOnce(
  collection: { bulkWrite(ops: never, opts: { ordered: false }): Promise<mongo.BulkWriteResult> },
  ops: unknown[],
): Promise<mongo.BulkWriteResult | null> {
  try {
    return await collection.bulkWrite(ops as never, { ordered: false });
  } catch (error) {
    duplicatesOnly(error);
    return null;
  }
}

/** The statements a duplicate key refused; rethrows an error that is anything else. */
function duplicatesOnly(error: unknown): Set<number> {
  const failed = (error as { writeErrors?: Array<{ code?: number; index: number }> }).writeErrors;
  if (!failed?.length || failed.some((e) => e.code !== 11000)) throw error;
  return new Set(failed.map((e) => e.index));
}

/**
 * The model `name` on this connection (stored in `collection`), registered on first use: each
 * subgraph's connection has its own registry, and a second repository on it reuses the model.
 */
export function modelOn<T>(db: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (db.models[name] as Model<T> | undefined) ?? db.model<T>(name, schema, collection);
}
