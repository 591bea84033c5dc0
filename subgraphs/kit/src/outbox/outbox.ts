import { Schema, type Connection, type Model } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { EventBus } from '../bus/event-bus.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging.js';
import { insertRaw, isDuplicateKey } from '../mongo/connection.js';

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
 * Transactional-outbox without transactions: the producer records events in its own database
 * (idempotently, keyed by event id) after its state change, then publishes; a relay re-publishes
 * whatever is still PENDING. A crash between the two can only cause a duplicate delivery, which
 * consumers absorb; never a lost event.
 */
export class Outbox {
  private readonly model: Model<OutboxDoc>;
  private timer?: NodeJS.Timeout;
  private relaying?: Promise<void>;

  constructor(
    db: Connection,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: { pollMs?: number; relayAfterMs?: number } = {},
  ) {
    this.model = (db.models.Outbox as Model<OutboxDoc>) ?? db.model<OutboxDoc>('Outbox', schema, 'outbox');
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
  }

  /** Publishes every PENDING event older than `relayAfterMs`, oldest first. */
  async relay(olderThanMs = this.opts.relayAfterMs ?? 1000): Promise<number> {
    let sent = 0;
    for (;;) {
      const before = new Date(this.clock.now().getTime() - olderThanMs);
      const batch = await this.model
        .find({ status: 'PENDING', createdAt: { $lte: before } })
        .sort({ createdAt: 1 })
        .limit(100)
        .lean();
      if (batch.length === 0) return sent;
      for (const doc of batch) {
        if (!(await this.publishOne(doc.event))) return sent;
        sent++;
      }
      if (batch.length < 100) return sent;
    }
  }

  async pendingCount(): Promise<number> {
    return this.model.countDocuments({ status: 'PENDING' });
  }

  private async publishOne(event: EventEnvelope): Promise<boolean> {
    try {
      await this.bus.publish(event);
      await this.model.updateOne(
        { _id: event.id },
        { $set: { status: 'SENT', sentAt: this.clock.now() }, $inc: { attempts: 1 } },
      );
      return true;
    } catch (error) {
      this.logger.warn({ err: error, eventId: event.id }, 'event publish failed; the relay will retry');
      await this.model.updateOne({ _id: event.id }, { $inc: { attempts: 1 } }).catch(() => undefined);
      return false;
    }
  }
}
