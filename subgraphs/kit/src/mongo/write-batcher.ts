import type { mongo } from 'mongoose';

type AnyBulkWriteOperation<T extends mongo.Document> = mongo.AnyBulkWriteOperation<T>;
type Document = mongo.Document;

type Pending = { op: AnyBulkWriteOperation<Document>; resolve: () => void; reject: (e: unknown) => void };

/**
 * Coalesces small writes to one collection that need not be seen at once (an event cleared from its
 * document, an outbox record marked sent) into one unordered `bulkWrite` per window: one command for
 * what a burst of requests asks, instead of one each. Each caller learns the outcome of its own write
 * (a write error of that statement rejects only its promise).
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly collection: Pick<mongo.Collection<Document>, 'bulkWrite'>,
    private readonly opts: { windowMs?: number; max?: number } = {},
  ) {}

  write(op: AnyBulkWriteOperation<Document>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      if (this.queue.length >= (this.opts.max ?? 500)) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.opts.windowMs ?? 5);
    });
  }

  /** Sends what is queued now (the timer does it otherwise). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return;
    try {
      await this.collection.bulkWrite(
        batch.map((p) => p.op),
        { ordered: false },
      );
      for (const p of batch) p.resolve();
    } catch (error) {
      const failed = new Map(
        ((error as { writeErrors?: Array<{ index: number }> }).writeErrors ?? []).map((w) => [w.index, w]),
      );
      batch.forEach((p, i) =>
        failed.size === 0 || failed.has(i) ? p.reject(failed.get(i) ?? error) : p.resolve(),
      );
    }
  }
}
