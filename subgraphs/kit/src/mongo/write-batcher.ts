import type { mongo } from 'mongoose';

type Op = mongo.AnyBulkWriteOperation<mongo.Document>;
type Pending = { ops: Op[]; resolve: () => void; reject: (e: unknown) => void };

/**
 * Coalesces small writes to one collection that need not be seen at once (an event cleared from its
 * document, an outbox record marked sent) into one `bulkWrite` per window: one command for what a
 * burst of requests asks, instead of one each. Each caller learns the outcome of its own statements
 * (a write error of one of them rejects only its promise). `ordered`: the statements run in the
 * order they were queued (a failing one stops the rest, which then fail too).
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private size = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly collection: Pick<mongo.Collection<mongo.Document>, 'bulkWrite'>,
    private readonly opts: { windowMs?: number; max?: number; ordered?: boolean } = {},
  ) {}

  /** Queues `ops` (kept together, in this order); resolves once they are written. */
  write(...ops: Op[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ ops, resolve, reject });
      this.size += ops.length;
      if (this.size >= (this.opts.max ?? 500)) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.opts.windowMs ?? 5);
    });
  }

  /** Sends what is queued now (the timer does it otherwise). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.size = 0;
    if (!batch.length) return;
    const ordered = this.opts.ordered ?? false;
    try {
      await this.collection.bulkWrite(
        batch.flatMap((p) => p.ops),
        { ordered },
      );
      for (const p of batch) p.resolve();
    } catch (error) {
      const errors = (error as { writeErrors?: Array<{ index: number }> }).writeErrors ?? [];
      const failed = new Map(errors.map((w) => [w.index, w]));
      // an ordered batch stops at its first failure: what came after it was not written either
      const stoppedAt = ordered && errors.length ? Math.min(...errors.map((w) => w.index)) : Infinity;
      let index = 0;
      for (const p of batch) {
        const mine = p.ops.map((_, i) => index + i);
        index += p.ops.length;
        const own = mine.map((i) => failed.get(i)).find(Boolean);
        if (failed.size === 0) p.reject(error);
        else if (own) p.reject(own);
        else if (mine.some((i) => i > stoppedAt)) p.reject(error);
        else p.resolve();
      }
    }
  }
}
