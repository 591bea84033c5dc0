import type { Connection } from 'mongoose';
import type { Registry } from 'prom-client';
import { type ServiceCall, connectMongo } from '@zhongtai/subgraph-kit';
import { LegacyWriteQueue } from './legacy-write-queue.js';
import { PlatformSink } from './platform-sink.js';
import { Checkpoints, InboundLog, adapterModels } from './store/adapter-store.js';

/** What every adapter gets from the process that hosts it. */
export interface AdapterRuntime {
  db: Connection;
  inbound: InboundLog;
  outbox: LegacyWriteQueue;
  checkpoints: Checkpoints;
  sink: PlatformSink;
  registry?: Registry;
  close(): Promise<void>;
}

/** Opens the adapters' database (`<prefix>_adapters`) and the platform sink for `tenant`. */
export async function createAdapterRuntime(opts: {
  mongoUri: string;
  call: ServiceCall;
  tenant: string;
  registry?: Registry;
  dbPrefix?: string;
}): Promise<AdapterRuntime> {
  const db = await connectMongo({ uri: opts.mongoUri, dbName: `${opts.dbPrefix ?? 'zhongtai'}_adapters` });
  const m = adapterModels(db);
  await Promise.all(Object.values(m).map((model) => model.init()));
  return {
    db,
    inbound: new InboundLog(m),
    outbox: new LegacyWriteQueue(m, opts.registry),
    checkpoints: new Checkpoints(m),
    sink: new PlatformSink(opts.call, opts.tenant),
    registry: opts.registry,
    close: () => db.close(),
  };
}
