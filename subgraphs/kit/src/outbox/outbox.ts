import { Schema, type Connection, type Model } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { EventBus } from '../bus/event-bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging.js';
import { insertRaw, isDuplicateKey, modelOn } from '../mongo/connection.js';
import { type DocumentEvents, clearEvents, pendingEventsFilter } from './document-events.js';

interface OutboxDoc {
  _id: string;
  event: EventEnvelope;
  status: 'PENDING' | 'SENT';
  attempts: number;
  createdAt: Date;
  sentAt?: Date;
}

const schema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    event: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: ['PENDING', 'SENT'] },
    attempts: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    sentAt: Date,
  },
  { versionKey: false, minimize: false },
);
schema.index({ status: 1, createdAt: 1 });

/**
 * Transactional outbox without transactions. A state change and its events are one unit: the
 * events are written on the changed document in the same single-document write
 * (`withEvents`, `document-events.ts`), then recorded here (idempotently, by event id), published,
 * and cleared from the document (`emitFrom`). The relay re-publishes whatever is still PENDING and,
 * for every watched collection, moves events a crash left on documents into the outbox. So after a
 * crash at any point an event is published at least once, or its state change never happened.
 *
 * An event counts as sent when the bus says it is safe: at once for a durable bus (Redis); for the
 * in-process bus only once every consumer group has handled it, so a crash never loses an event that
 * only sat in memory (it is relayed again after the restart; consumers are idempotent).
 */
export class Outbox {
  private readonly model: Model<OutboxDoc>;
  private timer?: NodeJS.Timeout;
  private relaying?: Promise<void>;
  /** published to the in-process bus, not yet handled by every group: the relay leaves them alone */
  private readonly inFlight = new Set<string>();
  /** status updates waiting for the in-process bus to deliver */
  private readonly marking = new Set<Promise<void>>();
  private readonly watched: Array<Model<DocumentEvents>> = [];

  constructor(
    db: Connection,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { pollMs?: number; relayAfterMs?: number } = {},
  ) {
    this.model = modelOn(db, 'Outbox', schema, 'outbox');
  }

  /** Records the events durably, then publishes them; duplicates of an already recorded id are ignored. */
  async emit(...events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const now = this.clock.now();
    const fresh: EventEnvelope[] = [];
    for (const event of events) {
      try {
        await insertRaw(this.model, { _id: event.id, event, status: 'PENDING', attempts: 0, createdAt: now });
        fresh.push(event);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    for (const event of fresh) await this.publishOne(event);
  }

  /**
   * Emits events that were written on a document together with its state change (`withEvents`),
   * then clears them from it. Safe to call again for the same events (a retry, the sweeper).
   */
  async emitFrom<T>(model: Model<T>, id: unknown, events: EventEnvelope[]): Promise<void> {
    await this.emit(...events);
    await clearEvents(model as unknown as Model<DocumentEvents>, id, events);
  }

  /** Sweeps `model` in every relay round for events a crash left on its documents (indexed for it). */
  async watch<T>(model: Model<T>): Promise<void> {
    const m = model as unknown as Model<DocumentEvents>;
    if (this.watched.includes(m)) return;
    this.watched.push(m);
    await m.collection.createIndex({ outboxCount: 1, outboxAt: 1 });
  }

  start(): void {
    const poll = this.opts.pollMs ?? 500;
    this.timer = setInterval(() => {
      if (!this.relaying)
        this.relaying = this.relay()
          .then(
            () => undefined,
            (error) => this.logger.warn({ err: error }, 'outbox relay failed'),
          )
          .finally(() => (this.relaying = undefined));
    }, poll);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relaying;
    await this.relay(0);
    // what is still in a stopped consumer's queue stays PENDING: relayed after the restart
    await Promise.race([Promise.all(this.marking), new Promise((r) => setTimeout(r, 500).unref())]);
  }

  /**
   * One relay round: events left on watched documents go to the outbox, then every PENDING event
   * older than `relayAfterMs` is published, oldest first.
   */
  async relay(olderThanMs = this.opts.relayAfterMs ?? 1000): Promise<number> {
    const before = new Date(this.clock.now().getTime() - olderThanMs);
    for (const model of this.watched) {
      const docs = (await model.collection
        .find(pendingEventsFilter(before))
        .limit(100)
        .toArray()) as DocumentEvents[];
      for (const doc of docs) await this.emitFrom(model, doc._id, Object.values(doc.outboxEvents ?? {}));
    }
    let sent = 0;
    for (;;) {
      const batch = await this.model
        .find({ status: 'PENDING', createdAt: { $lte: before } })
        .sort({ createdAt: 1 })
        .limit(100)
        .lean();
      const due = batch.filter((d) => !this.inFlight.has(d._id));
      for (const doc of due) {
        if (!(await this.publishOne(doc.event))) return sent;
        sent++;
      }
      if (batch.length < 100 || due.length === 0) return sent;
    }
  }

  /** Resolves once every event handed to the in-process bus so far is delivered and marked sent. */
  async settled(): Promise<void> {
    await Promise.all(this.marking);
  }

  async pendingCount(): Promise<number> {
    return this.model.countDocuments({ status: 'PENDING' });
  }

  private async publishOne(event: EventEnvelope): Promise<boolean> {
    try {
      if (!this.bus.durable) this.inFlight.add(event.id);
      await this.bus.publish(event);
    } catch (error) {
      this.inFlight.delete(event.id);
      this.logger.warn({ err: error, eventId: event.id }, 'event publish failed; the relay will retry');
      await this.model.updateOne({ _id: event.id }, { $inc: { attempts: 1 } }).catch(() => undefined);
      return false;
    }
    const sent = () =>
      this.model
        .updateOne(
          { _id: event.id },
          { $set: { status: 'SENT', sentAt: this.clock.now() }, $inc: { attempts: 1 } },
        )
        .then(
          () => undefined,
          // still PENDING: relayed again, absorbed by the consumers' idempotency
          (error: unknown) =>
            this.logger.warn({ err: error, eventId: event.id }, 'outbox status not updated'),
        );
    if (this.bus.durable) await sent();
    else {
      const marked: Promise<void> = this.bus
        .delivered(event.id)
        .then(sent)
        .finally(() => {
          this.inFlight.delete(event.id);
          this.marking.delete(marked);
        });
      this.marking.add(marked);
    }
    return true;
  }
}
