import { Schema, type Connection } from 'mongoose';
import { isDuplicateKey, insertRaw, modelOn } from '@zhongtai/subgraph-kit';

interface InboundDoc {
  /** `${adapter}|${messageId}` */
  _id: string;
  at: Date;
}

interface OutboxDoc {
  /** `${adapter}|${key}`: a write is queued once */
  _id: string;
  adapter: string;
  key: string;
  seq: number;
  payload: unknown;
  state: 'QUEUED' | 'SENT' | 'REJECTED';
  attempts: number;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
}

interface CheckpointDoc {
  /** sync name */
  _id: string;
  cursor: string | null;
  updatedAt: Date;
  /** import jobs: rows done and rejected so far */
  done?: number;
  rejected?: number;
}

interface SeqDoc {
  _id: string;
  value: number;
}

const opts = { versionKey: false as const, minimize: false };

/** The adapters' own small database (`zhongtai_adapters`): inbound dedupe, outbound queue, sync cursors. */
export function adapterModels(db: Connection) {
  const get = <T>(name: string, s: Schema<T>, collection: string) => modelOn(db, name, s, collection);
  const outbox = new Schema<OutboxDoc>(
    {
      _id: String,
      adapter: String,
      key: String,
      seq: Number,
      payload: Schema.Types.Mixed,
      state: String,
      attempts: Number,
      lastError: String,
      createdAt: Date,
      sentAt: Date,
    },
    opts,
  );
  outbox.index({ adapter: 1, state: 1, seq: 1 });
  return {
    Inbound: get('Inbound', new Schema<InboundDoc>({ _id: String, at: Date }, opts), 'inbound_log'),
    Outbox: get('AdapterOutbox', outbox, 'outbox'),
    Checkpoint: get(
      'Checkpoint',
      new Schema<CheckpointDoc>(
        { _id: String, cursor: String, updatedAt: Date, done: Number, rejected: Number },
        opts,
      ),
      'checkpoints',
    ),
    Seq: get('Seq', new Schema<SeqDoc>({ _id: String, value: Number }, opts), 'sequences'),
  };
}

export type AdapterModels = ReturnType<typeof adapterModels>;
export type { OutboxDoc, CheckpointDoc };

/**
 * Inbound idempotency (R-AD-3): a delivery is handled once per message id. The id is recorded only
 * after the handler succeeded, so a failed delivery is retried; handlers are idempotent anyway (the
 * platform dedupes by natural keys), this only saves the work.
 */
export class InboundLog {
  constructor(private readonly m: AdapterModels) {}

  async once(
    adapter: string,
    messageId: string,
    handler: () => Promise<void>,
  ): Promise<'handled' | 'duplicate'> {
    const _id = `${adapter}|${messageId}`;
    if (await this.m.Inbound.exists({ _id })) return 'duplicate';
    await handler();
    try {
      await insertRaw(this.m.Inbound, { _id, at: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return 'duplicate';
    }
    return 'handled';
  }
}

/** Durable cursors of pull syncs and import jobs, so a restart resumes where it stopped. */
export class Checkpoints {
  constructor(private readonly m: AdapterModels) {}

  async get(name: string): Promise<CheckpointDoc | null> {
    return this.m.Checkpoint.findById(name).lean<CheckpointDoc>();
  }

  async set(name: string, value: Omit<CheckpointDoc, '_id' | 'updatedAt'>): Promise<void> {
    await this.m.Checkpoint.updateOne(
      { _id: name },
      { $set: { ...value, updatedAt: new Date() } },
      { upsert: true },
    );
  }

  async clear(name: string): Promise<void> {
    await this.m.Checkpoint.deleteOne({ _id: name });
  }
}
