import type { Registry } from 'prom-client';
import { isDuplicateKey, insertRaw } from '@zhongtai/subgraph-kit';
import { AdapterError } from './errors.js';
import { adapterMetrics } from './metrics.js';
import type { AdapterModels, OutboxDoc } from './store/adapter-store.js';

/**
 * Flight mode (R-AD-2): writes to a legacy system are queued durably, in order, and sent by
 * `flush`, which stops at the first write the system cannot take now (down, circuit open) and
 * resumes from it later — so a system that comes back receives everything, once, in the order it
 * was written. A write the system refuses for good (4xx) is set aside as REJECTED and the queue moves on.
 */
export class LegacyWriteQueue {
  private flushing = new Map<string, Promise<number>>();

  constructor(
    private readonly m: AdapterModels,
    private readonly registry?: Registry,
  ) {}

  /** Queues a write once per key (a replayed request is not queued twice). */
  async enqueue(adapter: string, key: string, payload: unknown): Promise<void> {
    const seq = await this.m.Seq.findOneAndUpdate(
      { _id: `outbox:${adapter}` },
      { $inc: { value: 1 } },
      { upsert: true, new: true },
    ).lean();
    try {
      await insertRaw(this.m.Outbox, {
        _id: `${adapter}|${key}`,
        adapter,
        key,
        seq: seq!.value,
        payload,
        state: 'QUEUED',
        attempts: 0,
        createdAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    await this.gauge(adapter);
  }

  /** Sends queued writes in order; returns how many were sent. Concurrent calls share one run. */
  flush(adapter: string, send: (payload: unknown, key: string) => Promise<void>): Promise<number> {
    let run = this.flushing.get(adapter);
    if (!run) {
      run = this.drain(adapter, send).finally(() => this.flushing.delete(adapter));
      this.flushing.set(adapter, run);
    }
    return run;
  }

  async queued(adapter: string): Promise<OutboxDoc[]> {
    return this.m.Outbox.find({ adapter, state: 'QUEUED' }).sort({ seq: 1 }).lean<OutboxDoc[]>();
  }

  async rejected(adapter: string): Promise<OutboxDoc[]> {
    return this.m.Outbox.find({ adapter, state: 'REJECTED' }).sort({ seq: 1 }).lean<OutboxDoc[]>();
  }

  private async drain(
    adapter: string,
    send: (payload: unknown, key: string) => Promise<void>,
  ): Promise<number> {
    let sent = 0;
    for (;;) {
      const next = await this.m.Outbox.find({ adapter, state: 'QUEUED' })
        .sort({ seq: 1 })
        .limit(50)
        .lean<OutboxDoc[]>();
      if (!next.length) break;
      for (const w of next) {
        try {
          await send(w.payload, w.key);
          await this.m.Outbox.updateOne(
            { _id: w._id },
            { $set: { state: 'SENT', sentAt: new Date() }, $inc: { attempts: 1 } },
          );
          sent++;
        } catch (error) {
          const retryable = !(error instanceof AdapterError) || error.retryable;
          await this.m.Outbox.updateOne(
            { _id: w._id },
            {
              $set: { state: retryable ? 'QUEUED' : 'REJECTED', lastError: String((error as Error).message) },
              $inc: { attempts: 1 },
            },
          );
          if (retryable) {
            await this.gauge(adapter);
            return sent; // keep the order: nothing after this write goes out before it
          }
        }
      }
    }
    await this.gauge(adapter);
    return sent;
  }

  private async gauge(adapter: string): Promise<void> {
    if (this.registry)
      adapterMetrics(this.registry).queued.set(
        { adapter },
        await this.m.Outbox.countDocuments({ adapter, state: 'QUEUED' }),
      );
  }
}
