import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKey, modelOn } from '@zhongtai/subgraph-kit';
import { key } from '../domain/records.js';

/** What one counter counts: points given to a member, or by a staff token, on one business day. */
export interface CounterKey {
  tenant: string;
  kind: 'member' | 'staff';
  /** the member id, or the staff identity (`domain/limits.ts` `staffSubject`) */
  subject: string;
  /** the business day, YYYY-MM-DD in the tenant's time zone */
  day: string;
}

interface CounterDoc extends CounterKey {
  /** `${tenant}|${kind}|${day}|${subject}` (the subject last: nothing it contains can collide) */
  _id: string;
  used: number;
}

const counter = new Schema<CounterDoc>(
  { _id: String, tenant: String, kind: String, subject: String, day: String, used: Number },
  { versionKey: false, minimize: false },
);
counter.index({ day: 1 });

export type Reserved = { ok: true } | { ok: false; used: number };

const idOf = (c: CounterKey) => key(c.tenant, c.kind, c.day, c.subject);

/**
 * Daily grant counters. A reservation is one conditional single-document update — `$inc` only
 * while `used ≤ cap − points` — so parallel grants can never take a counter past its cap, with no
 * read-modify-write and no transaction. The first grant of a day creates the document (upsert); an
 * upsert that hits the existing document's key means the condition failed: over the cap.
 */
export class LimitCounters {
  private readonly model: Model<CounterDoc>;

  constructor(db: Connection) {
    this.model = modelOn(db, 'GrantCounter', counter, 'grant_counters');
  }

  async init(): Promise<void> {
    await this.model.init();
  }

  /** Adds `points` to the counter if it stays within `cap`; otherwise nothing changes. */
  async reserve(c: CounterKey, points: number, cap: number): Promise<Reserved> {
    if (points > cap) return { ok: false, used: await this.used(c) };
    if (points <= 0) return { ok: true };
    const _id = idOf(c);
    const room = { _id, used: { $lte: cap - points } };
    try {
      await this.model.updateOne(
        room,
        {
          $inc: { used: points },
          $setOnInsert: { tenant: c.tenant, kind: c.kind, subject: c.subject, day: c.day },
        },
        { upsert: true },
      );
      return { ok: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // the document exists: either it is full, or a parallel first grant of the day created it
    // between our filter and our insert — so try once more without the upsert
    const res = await this.model.updateOne(room, { $inc: { used: points } });
    return res.matchedCount === 1 ? { ok: true } : { ok: false, used: await this.used(c) };
  }

  /** Gives back a reservation whose grant was not written (or was a replay). */
  async release(c: CounterKey, points: number): Promise<void> {
    if (points > 0) await this.model.updateOne({ _id: idOf(c) }, { $inc: { used: -points } });
  }

  async used(c: CounterKey): Promise<number> {
    return (await this.model.findById(idOf(c)).lean<CounterDoc>())?.used ?? 0;
  }

  /** Counters of days before `day` are no longer read: the sweeper removes them (no TTL indexes). */
  async sweepBefore(day: string): Promise<number> {
    return (await this.model.deleteMany({ day: { $lt: day } })).deletedCount ?? 0;
  }
}
