import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import type { Clock } from '../clock.js';
import { dueBacklogSources } from '../process-metrics.js';

/**
 * The fields a record of due work carries: spread `dueFields` into its schema and index `dueAt`
 * (alone, or after the claim filter's equality fields: `{ status: 1, dueAt: 1 }`).
 */
export interface DueWork {
  /** when it should run next; null: nothing left to do (never claimed) */
  dueAt: Date | null;
  /** failed tries so far */
  attempts: number;
  /** until when the holder may work on it undisturbed; null: nobody holds it */
  leaseUntil: Date | null;
  leaseOwner: string | null;
  lastError?: string | null;
}

/** The schema definition of `DueWork` (a mixin: `new Schema({ ...myFields, ...dueFields })`). */
export const dueFields = {
  dueAt: { type: Date, default: null },
  attempts: { type: Number, default: 0 },
  leaseUntil: { type: Date, default: null },
  leaseOwner: { type: String, default: null },
  lastError: { type: String, default: null },
};

/** Delay before try `attempts + 1`: `baseMs` doubling per failure, capped at `maxMs`; no jitter. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export interface DueClaimsOptions {
  /** this process (unique per live process, e.g. `host:pid`): who holds a lease */
  owner: string;
  /** how long a claim keeps others off; longer than the work takes */
  leaseMs: number;
  clock: Clock;
  /** retryLater's delays (default 30 s doubling to 1 h) */
  backoff?: { baseMs: number; maxMs: number };
}

/**
 * A durable scheduler on what every store offers (no TTL indexes, change streams or transactions).
 * Due records are found by index and each is claimed with ONE conditional update that takes a lease
 * (`leaseUntil`, `leaseOwner`), so two replicas never both hold one. The holder then completes,
 * retries later (backoff) or defers it, each only while it still holds the lease (its owner's name
 * is on it: a lease that ran out and nobody took is still its holder's). A holder that dies (kill -9)
 * just lets the lease run out and the record is claimed again after `leaseMs`, so the work must be
 * idempotent at its target (a message key, a deterministic id): that is how nothing is lost and
 * nothing is done twice.
 */
export class DueClaims<T extends DueWork & { _id: string }> {
  private readonly backoff: { baseMs: number; maxMs: number };

  constructor(
    private readonly model: Model<T>,
    private readonly opts: DueClaimsOptions,
  ) {
    this.backoff = opts.backoff ?? { baseMs: 30_000, maxMs: 3_600_000 };
    // the scheduler's backlog for the metrics (`zt_due_backlog`): due now and nobody's lease running
    dueBacklogSources.set(model.collection.collectionName, () =>
      model.countDocuments(this.claimable({}, this.opts.clock.now())).exec(),
    );
  }

  /** `filter`, due at `now`, and nobody's lease running (the caller's `$or`/`dueAt` kept intact) */
  private claimable(filter: FilterQuery<T>, now: Date): FilterQuery<T> {
    return {
      $and: [
        filter,
        { dueAt: { $lte: now } },
        { $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] },
      ],
    } as FilterQuery<T>;
  }

  /**
   * Up to `limit` due records matching `filter`, oldest `dueAt` first, each claimed by this owner
   * (one find, then one conditional update per candidate; a candidate another replica took in
   * between is skipped). Returns the records as they are after the claim.
   */
  async claimDue(filter: FilterQuery<T>, limit: number): Promise<T[]> {
    if (limit <= 0) return []; // limit(0) would mean "no limit"
    const now = this.opts.clock.now();
    const claimable = this.claimable(filter, now);
    const candidates = await this.model
      .find(claimable, { _id: 1 })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean<Array<{ _id: string }>>();
    const lease = { leaseUntil: new Date(now.getTime() + this.opts.leaseMs), leaseOwner: this.opts.owner };
    const claimed: T[] = [];
    for (const { _id } of candidates) {
      const doc = await this.model
        .findOneAndUpdate(
          { $and: [{ _id }, claimable] } as FilterQuery<T>,
          { $set: lease } as UpdateQuery<T>,
          {
            returnDocument: 'after',
          },
        )
        .lean<T>();
      if (doc) claimed.push(doc);
    }
    return claimed;
  }

  /**
   * One round of a scheduler: up to `limit` due records claimed (`claimDue`), `work` run on each in
   * turn; a record whose work throws is reported to `failed` (for the log) and retried later with
   * backoff. Answers how many were claimed and how many `work` answered true for.
   */
  async process(
    filter: FilterQuery<T>,
    limit: number,
    work: (doc: T) => Promise<boolean | void>,
    failed: (doc: T, error: unknown) => void,
  ): Promise<{ claimed: number; counted: number }> {
    const due = await this.claimDue(filter, limit);
    let counted = 0;
    for (const doc of due) {
      try {
        if ((await work(doc)) === true) counted++;
      } catch (error) {
        failed(doc, error);
        // the lease is held: the claimed record's attempts are current
        await this.retryLater(doc._id, error, doc.attempts ?? 0);
      }
    }
    return { claimed: due.length, counted };
  }

  /** `update` plus the lease released, applied only while this owner holds the lease. */
  private async ifHeld(id: string, update: UpdateQuery<T>): Promise<boolean> {
    const $set = {
      ...(update.$set as Record<string, unknown> | undefined),
      leaseUntil: null,
      leaseOwner: null,
    };
    const r = await this.model.updateOne(
      { _id: id, leaseOwner: this.opts.owner } as FilterQuery<T>,
      { ...update, $set } as UpdateQuery<T>,
    );
    return r.matchedCount === 1;
  }

  /**
   * Done: `update` (`$set`, `$unset`, `$inc`…; it should make the record no longer due, e.g.
   * `dueAt: null` or a status the claim filter leaves out) applied and the lease released, only while
   * this owner holds it. False: another replica took it over (after the lease ran out) or it is gone.
   */
  complete(id: string, update: UpdateQuery<T>): Promise<boolean> {
    return this.ifHeld(id, update);
  }

  /**
   * Failed: attempts + 1, due again after `backoffDelay(attempts)`, the error kept; only while held.
   * `attemptsSoFar`: the held record's attempts when the caller has them (no read), else read here.
   */
  async retryLater(id: string, error: unknown, attemptsSoFar?: number): Promise<boolean> {
    let before = attemptsSoFar;
    if (before === undefined) {
      const held = await this.model
        .findOne({ _id: id, leaseOwner: this.opts.owner } as FilterQuery<T>, { attempts: 1 })
        .lean<Pick<DueWork, 'attempts'>>();
      if (!held) return false;
      before = held.attempts ?? 0;
    }
    const attempts = before + 1;
    const delay = backoffDelay(attempts, this.backoff.baseMs, this.backoff.maxMs);
    const message = error instanceof Error ? error.message : String(error);
    return this.ifHeld(id, {
      $set: {
        attempts,
        dueAt: new Date(this.opts.clock.now().getTime() + delay),
        lastError: message.slice(0, 500),
      },
    } as UpdateQuery<T>);
  }

  /** Not now and not a failure (quiet hours): due again at `at`, attempts unchanged; only while held. */
  deferTo(id: string, at: Date): Promise<boolean> {
    return this.ifHeld(id, { $set: { dueAt: at } } as UpdateQuery<T>);
  }
}
