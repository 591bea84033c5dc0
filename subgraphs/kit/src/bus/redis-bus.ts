import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { RedisClient } from '../redis.js';
import { type EventBus, type SubscribeOptions, type Subscription, eventName, sleep } from './event-bus.js';

const STREAM = (name: string) => `zt:ev:${name}`;
const DLQ = (group: string) => `zt:dlq:${group}`;
const BLOCK_MS = 500;

/**
 * Redis Streams bus: one stream per event name, one consumer group per subscriber group.
 * A message is acknowledged only after its handler succeeded; failed ones stay pending and are
 * re-claimed after `retryDelayMs`, and go to `zt:dlq:<group>` after `maxDeliveries`.
 */
export class RedisEventBus implements EventBus {
  private readonly subs = new Set<RedisSubscription>();
  private readonly groupsByStream = new Map<string, Set<string>>();

  constructor(
    private readonly client: RedisClient,
    private readonly opts: { maxLen?: number } = {},
  ) {}

  async publish(event: EventEnvelope): Promise<void> {
    await this.client.xAdd(
      STREAM(eventName(event)),
      '*',
      { id: event.id, data: JSON.stringify(event) },
      { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.opts.maxLen ?? 1_000_000 } },
    );
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    for (const name of opts.events) {
      try {
        // '$': a new group starts with events published from now on; an existing group resumes
        await this.client.xGroupCreate(STREAM(name), opts.group, '$', { MKSTREAM: true });
      } catch (error) {
        if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
      }
      const groups = this.groupsByStream.get(name) ?? new Set();
      groups.add(opts.group);
      this.groupsByStream.set(name, groups);
    }
    const reader = this.client.duplicate();
    reader.on('error', () => undefined);
    await reader.connect();
    const sub = new RedisSubscription(this.client, reader, opts);
    this.subs.add(sub);
    sub.start();
    return {
      stop: async () => {
        this.subs.delete(sub);
        await sub.stop();
      },
    };
  }

  async deadLetters(group: string): Promise<EventEnvelope[]> {
    const rows = await this.client.xRange(DLQ(group), '-', '+');
    return rows.map((r) => JSON.parse(String(r.message.data)) as EventEnvelope);
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      let outstanding = 0;
      for (const [name, groups] of this.groupsByStream) {
        const infos = await this.client.xInfoGroups(STREAM(name));
        for (const info of infos as unknown as Array<Record<string, unknown>>) {
          if (!groups.has(String(info.name))) continue;
          outstanding += Number(info.pending ?? 0) + Number(info.lag ?? 0);
        }
      }
      if (outstanding === 0) return;
      if (Date.now() > until) throw new Error(`event bus did not drain in time (${outstanding} outstanding)`);
      await sleep(10);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subs].map((s) => s.stop()));
    this.subs.clear();
  }
}

class RedisSubscription {
  private running = false;
  private loop?: Promise<void>;
  private readonly consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly maxDeliveries: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly client: RedisClient,
    private readonly reader: RedisClient,
    private readonly opts: SubscribeOptions,
  ) {
    this.maxDeliveries = opts.maxDeliveries ?? 5;
    this.retryDelayMs = opts.retryDelayMs ?? 200;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.reader.quit().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let lastReclaim = 0;
    while (this.running) {
      try {
        if (Date.now() - lastReclaim >= this.retryDelayMs) {
          lastReclaim = Date.now();
          await this.reclaim();
        }
        const block = Math.min(BLOCK_MS, this.retryDelayMs);
        const res = await this.reader.xReadGroup(
          this.opts.group,
          this.consumer,
          this.opts.events.map((name) => ({ key: STREAM(name), id: '>' })),
          { COUNT: 100, BLOCK: block },
        );
        for (const stream of (res ?? []) as Array<{
          name: string;
          messages: Array<{ id: string; message: Record<string, string> }>;
        }>) {
          for (const m of stream.messages) {
            if (!this.running) return;
            await this.handle(stream.name, m.id, m.message);
          }
        }
      } catch (error) {
        if (!this.running) return;
        // connection trouble: node-redis reconnects; back off briefly
        void error;
        await sleep(100);
      }
    }
  }

  private async handle(stream: string, id: string, message: Record<string, string>): Promise<void> {
    const event = JSON.parse(String(message.data)) as EventEnvelope;
    try {
      await this.opts.handler(event);
      await this.client.xAck(stream, this.opts.group, id);
    } catch {
      // left pending: `reclaim` delivers it again after retryDelayMs, or dead-letters it
    }
  }

  /** Re-delivers messages pending longer than retryDelayMs; dead-letters those out of attempts. */
  private async reclaim(): Promise<void> {
    for (const name of this.opts.events) {
      const stream = STREAM(name);
      const pending = await this.client.xPendingRange(stream, this.opts.group, '-', '+', 100, {
        IDLE: this.retryDelayMs,
      });
      for (const p of pending) {
        if (!this.running) return;
        if (p.deliveriesCounter >= this.maxDeliveries) {
          const rows = await this.client.xRange(stream, p.id, p.id);
          if (rows[0])
            await this.client.xAdd(DLQ(this.opts.group), '*', rows[0].message as Record<string, string>);
          await this.client.xAck(stream, this.opts.group, p.id);
          continue;
        }
        const claimed = await this.client.xClaim(
          stream,
          this.opts.group,
          this.consumer,
          this.retryDelayMs,
          p.id,
        );
        for (const m of claimed) {
          if (m) await this.handle(stream, m.id, m.message as Record<string, string>);
        }
      }
    }
  }
}
