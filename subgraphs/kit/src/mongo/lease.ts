import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { Logger } from '../logging.js';

interface LeaseDoc {
  _id: string;
  holder: string;
  until: Date;
  /** how many times the lease changed hands (a new holder's term is higher than every earlier one) */
  term: number;
}

const leaseSchema = new Schema<LeaseDoc>(
  { _id: String, holder: String, until: Date, term: Number },
  { versionKey: false, collection: 'leases' },
);

export interface LeaseOptions {
  /** how long a holder keeps the lease without renewing it (default 30 s) */
  ttlMs?: number;
  /** how often the holder renews, and a stand-by tries to take over (default ttl / 3) */
  renewMs?: number;
  /** this process (default: a random id) */
  holder?: string;
  now?: () => number;
  logger?: Logger;
}

/**
 * A named lease in MongoDB: at most one holder at a time across every replica of a deployment (the
 * scheduled jobs of a subgraph, the adapters' pull sync). A holder renews it; a stand-by takes it
 * over once it has not been renewed for `ttlMs` (a holder that died, hung or lost the database).
 * A holder that cannot renew stops acting as one before its lease runs out on the others' clocks.
 */
export class Lease {
  readonly holder: string;
  private readonly model: Model<LeaseDoc>;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly now: () => number;
  /** until when this process may act as the holder (its own clock, from before it asked) */
  private heldUntil = 0;
  private timer?: NodeJS.Timeout;
  private expiry?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private listeners: Array<(held: boolean) => void | Promise<void>> = [];
  private wasHeld = false;

  constructor(
    db: Connection,
    readonly name: string,
    private readonly opts: LeaseOptions = {},
  ) {
    this.model = (db.models.Lease as Model<LeaseDoc>) ?? db.model<LeaseDoc>('Lease', leaseSchema);
    this.ttlMs = opts.ttlMs ?? 30_000;
    this.renewMs = opts.renewMs ?? Math.max(10, Math.floor(this.ttlMs / 3));
    this.now = opts.now ?? Date.now;
    this.holder = opts.holder ?? randomUUID();
  }

  /** true while this process holds the lease */
  held(): boolean {
    return this.now() < this.heldUntil;
  }

  /**
   * One attempt to take or renew the lease: true when this process holds it afterwards. Two
   * processes asking at once: the conditional update lets one through; the other's upsert collides
   * on `_id` and it stays a stand-by.
   */
  async tryAcquire(): Promise<boolean> {
    const asked = this.now();
    const until = new Date(asked + this.ttlMs);
    let ok = false;
    try {
      // renew ours (one command), or take one that ran out or never was (a missing one is inserted)
      ok =
        !!(await this.model
          .findOneAndUpdate({ _id: this.name, holder: this.holder }, { $set: { until } })
          .lean<LeaseDoc>()) ||
        !!(await this.model
          .findOneAndUpdate(
            { _id: this.name, until: { $lte: new Date(asked) } },
            { $set: { holder: this.holder, until }, $inc: { term: 1 } },
            { upsert: true, new: true },
          )
          .lean<LeaseDoc>());
    } catch (error) {
      // held by another: the upsert's insert collided on `_id`
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    // a margin of a tenth of the ttl: a holder whose renewal was slow stops before the others may start
    this.heldUntil = ok ? asked + this.ttlMs - Math.ceil(this.ttlMs / 10) : 0;
    clearTimeout(this.expiry);
    if (ok) {
      // not renewed in time (the database away): the listeners hear of it when the lease runs out
      this.expiry = setTimeout(() => void this.announce(), this.heldUntil - this.now() + 1);
      this.expiry.unref();
    }
    return ok;
  }

  /** Gives the lease up (a stand-by takes it at its next attempt). */
  async release(): Promise<void> {
    this.heldUntil = 0;
    clearTimeout(this.expiry);
    await this.model.updateOne({ _id: this.name, holder: this.holder }, { $set: { until: new Date(0) } });
  }

  /** Called with true when this process becomes the holder, false when it stops being one. */
  onChange(listener: (held: boolean) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Tries now and every `renewMs`; listeners hear of every change. */
  start(): Promise<void> {
    const tick = async () => {
      try {
        await this.tryAcquire();
      } catch (error) {
        // the database is away: this process keeps acting only until its lease would have run out
        this.opts.logger?.warn({ err: error, lease: this.name }, 'lease: renewing failed');
      }
      await this.announce();
    };
    this.timer = setInterval(() => {
      if (!this.ticking) this.ticking = tick().finally(() => (this.ticking = undefined));
    }, this.renewMs);
    this.timer.unref();
    this.ticking = tick().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /** Stops renewing, tells the listeners (they stop their work), then gives the lease up. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    clearTimeout(this.expiry);
    const held = this.wasHeld;
    this.heldUntil = 0;
    await this.announce();
    if (held) await this.release().catch(() => undefined);
  }

  private async announce(): Promise<void> {
    const held = this.held();
    if (held === this.wasHeld) return;
    this.wasHeld = held;
    this.opts.logger?.info(
      { lease: this.name, holder: this.holder },
      held ? 'lease taken' : 'lease given up',
    );
    for (const l of this.listeners) await l(held);
  }
}
