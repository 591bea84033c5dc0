import { Schema, type Connection, type Model } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { EventBus } from '../bus/event-bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging.js';
import { insertManyOnce, modelOn } from '../mongo/connection.js';
import { WriteBatcher } from '../mongo/write-batcher.js';
import { type DocumentEvents, clearStatement, pendingEventsFilter } from './document-events.js';

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
 * (`withEvents`, `document-events.ts`), published, and cleared from the document once sent
 * (`emitFrom`): the document itself is their outbox, so an event costs one extra write (the clear),
 * not three (record here, mark sent, clear), and the clears of a burst of writes go out together
 * (one `bulkWrite` per collection every few milliseconds: `WriteBatcher`). The relay sweeps every watched collection for events
 * still on documents (a crash, a bus that was down) and publishes them again. Events that announce
 * no single document's change (`emit`) are recorded here first, by event id, and relayed while
 * PENDING. So after a crash at any point an event is published at least once, or its state change
 * never happened.
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
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /**
   * cleared from their documents lately: a writer holding a copy of a document read before the clear
   * (a retry reading what a crash left) does not publish them again
   */
  private readonly recentlySent = new Set<string>();
  /** status updates waiting for the in-process bus to deliver */
  private readonly marking = new Set<Promise<void>>();
  private readonly watched: Array<Model<DocumentEvents>> = [];
  /** clears and status marks, coalesced per collection */
  private readonly batchers = new Map<string, WriteBatcher>();

  constructor(
    db: Connection,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { pollMs?: number; relayAfterMs?: number } = {},
  ) {
    this.model = modelOn(db, 'Outbox', schema, 'outbox');
  }

  /** Records the events durably (one insert), then publishes them; duplicates of an already recorded id are ignored. */
  async emit(...events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    const now = this.clock.now();
    const byId = new Map(events.map((event) => [event.id, event]));
    const fresh = await insertManyOnce(
      this.model,
      [...byId.values()].map((event) => ({
        _id: event.id,
        event,
        status: 'PENDING' as const,
        attempts: 0,
        createdAt: now,
      })),
    );
    for (const id of fresh) await this.publishRecorded(byId.get(id)!);
  }

  /**
   * Publishes events written on a document together with its state change (`withEvents`) and still
   * on it (the caller's write returned them, or it read them there), and clears each from the
   * document once sent. An event this process is publishing already (or published lately) is not
   * published again, only cleared from this document once sent; one that fails stays on the document
   * for the relay.
   */
  async emitFrom<T>(model: Model<T>, id: unknown, events: EventEnvelope[]): Promise<number> {
    const m = model as unknown as Model<DocumentEvents>;
    let sent = 0;
    for (const event of events) {
      const clear = () => this.batcher(m).write(...clearOps(id, event));
      const publishing = this.inFlight.get(event.id);
      if (publishing) {
        // being published (from this document, or the same event recorded elsewhere): cleared from
        // this document too once it is sent
        this.track(publishing.then((ok) => (ok ? clear() : undefined)).catch(() => undefined));
        continue;
      }
      if (this.recentlySent.has(event.id)) {
        // published lately (a stale copy of its document, or the same event recorded elsewhere): only cleared
        this.track(clear().catch(() => undefined));
        continue;
      }
      if (!(await this.publishOne(event, clear))) return sent;
      sent++;
    }
    return sent;
  }

  /** Keeps `p` (a clear or a mark) for `settled` and `stop` to wait on. */
  private track(p: Promise<void>): void {
    const tracked: Promise<void> = p.finally(() => this.marking.delete(tracked));
    this.marking.add(tracked);
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
    await Promise.all([...this.batchers.values()].map((b) => b.flush()));
    // what is still in a stopped consumer's queue stays PENDING: relayed after the restart
    await Promise.race([Promise.all(this.marking), new Promise((r) => setTimeout(r, 500).unref())]);
  }

  /**
   * One relay round: events left on watched documents written before `relayAfterMs` ago are
   * published again, then every PENDING event recorded here before that, oldest first.
   */
  async relay(olderThanMs = this.opts.relayAfterMs ?? 1000): Promise<number> {
    const before = new Date(this.clock.now().getTime() - olderThanMs);
    let sent = 0;
    for (const model of this.watched) {
      const docs = (await model.collection
        .find(pendingEventsFilter(before))
        .limit(100)
        .toArray()) as DocumentEvents[];
      for (const doc of docs)
        sent += await this.emitFrom(model, doc._id, Object.values(doc.outboxEvents ?? {}));
    }
    for (;;) {
      const batch = await this.model
        .find({ status: 'PENDING', createdAt: { $lte: before } })
        .sort({ createdAt: 1 })
        .limit(100)
        .lean();
      const due = batch.filter((d) => !this.inFlight.has(d._id));
      for (const doc of due) {
        if (!(await this.publishRecorded(doc.event))) return sent;
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

  /**
   * Events not yet published — recorded here PENDING, or still on their documents — and the age of the
   * oldest (metrics: the relay's lag). A few indexed reads per watched collection.
   */
  async lag(): Promise<{ pending: number; oldestSeconds: number }> {
    const now = this.clock.now().getTime();
    let pending = await this.model.countDocuments({ status: 'PENDING' });
    const oldest: number[] = [];
    const first = await this.model.findOne({ status: 'PENDING' }).sort({ createdAt: 1 }).lean();
    if (first) oldest.push(new Date(first.createdAt).getTime());
    for (const model of this.watched) {
      pending += await model.collection.countDocuments({ outboxCount: { $gt: 0 } });
      const doc = (await model.collection
        .find({ outboxCount: { $gt: 0 } })
        .sort({ outboxAt: 1 })
        .limit(1)
        .next()) as DocumentEvents | null;
      if (doc?.outboxAt) oldest.push(new Date(doc.outboxAt).getTime());
    }
    return { pending, oldestSeconds: oldest.length ? Math.max(0, (now - Math.min(...oldest)) / 1000) : 0 };
  }

  /** An event recorded here: marked sent once safe; a failed publish counts as an attempt. */
  private async publishRecorded(event: EventEnvelope): Promise<boolean> {
    const ok = await this.publishOne(event, () =>
      this.batcher(this.model as unknown as Model<DocumentEvents>).write({
        updateOne: {
          filter: { _id: event.id } as never,
          update: { $set: { status: 'SENT', sentAt: this.clock.now() }, $inc: { attempts: 1 } },
        },
      }),
    );
    if (!ok) await this.model.updateOne({ _id: event.id }, { $inc: { attempts: 1 } }).catch(() => undefined);
    return ok;
  }

  private batcher(model: Model<DocumentEvents>): WriteBatcher {
    const name = model.collection.collectionName;
    let b = this.batchers.get(name);
    if (!b)
      this.batchers.set(
        name,
        (b = new WriteBatcher(model.collection, { windowMs: CLEAR_WINDOW_MS, ordered: true })),
      );
    return b;
  }

  /**
   * Publishes one event; `done` (mark it sent, or clear it from its document) once it is safe: at once
   * for a durable bus, once every group handled it for the in-process one. The caller does not wait for
   * `done` (`settled` does); until it is written the relay leaves the event alone.
   */
  private async publishOne(event: EventEnvelope, done: () => Promise<unknown>): Promise<boolean> {
    let outcome!: (sent: boolean) => void;
    this.inFlight.set(event.id, new Promise<boolean>((resolve) => (outcome = resolve)));
    try {
      await this.bus.publish(event);
    } catch (error) {
      this.inFlight.delete(event.id);
      outcome(false);
      this.logger.warn({ err: error, eventId: event.id }, 'event publish failed; the relay will retry');
      return false;
    }
    const sent = () =>
      done().then(
        () => {
          this.recentlySent.add(event.id);
          if (this.recentlySent.size > 10_000)
            this.recentlySent.delete(this.recentlySent.values().next().value!);
        },
        // still pending: relayed again, absorbed by the consumers' idempotency
        (error: unknown) => this.logger.warn({ err: error, eventId: event.id }, 'outbox status not updated'),
      );
    const safe = this.bus.durable ? Promise.resolve() : this.bus.delivered(event.id);
    this.track(
      safe.then(sent).finally(() => {
        this.inFlight.delete(event.id);
        outcome(true);
      }),
    );
    return true;
  }
}

/**
 * How long clears and marks wait to go out together. The relay leaves an event alone until its clear
 * is written; a crash inside the window publishes its events again (consumers are idempotent).
 */
const CLEAR_WINDOW_MS = 50;

/**
 * An event's clear, then the document's count set to 0 when no event is left on it: an event written
 * again before its clear (a retry re-writing what a crash left) counted twice in one slot.
 */
function clearOps(id: unknown, event: EventEnvelope) {
  const [filter, update] = clearStatement(id, event);
  return [
    { updateOne: { filter, update } },
    { updateOne: { filter: { _id: id, outboxEvents: {} } as never, update: { $set: { outboxCount: 0 } } } },
  ];
}
