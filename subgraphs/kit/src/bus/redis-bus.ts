import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { Logger } from '../logging.js';
import type { RedisClient } from '../redis.js';
import { logDeadLetter } from './dead-letters.js';
import {
  DEFAULT_BATCH_MAX,
  DEFAULT_MAX_DELIVERIES,
  DEFAULT_RETRY_DELAY_MS,
  type DeadLetter,
  type EventBus,
  type SubscribeOptions,
  type Subscription,
  eventName,
  retryDelay,
  sleep,
} from './event-bus.js';

const STREAM = (name: string) => `zt:ev:${name}`;
/** events handed back to one group (dead-letter replays) */
const RETRY = (group: string) => `zt:retry:${group}`;
const DLQ = (group: string) => `zt:dlq:${group}`;
const BLOCK_MS = 500;

/**
 * Redis Streams bus: one stream per event name, one consumer group per subscriber group. A message
 * is acknowledged only after its handler succeeded; a failed one stays pending and is re-claimed
 * with exponential backoff (`retryDelay`), then moved to `zt:dlq:<group>` with its error after
 * `maxDeliveries`. A replay moves dead letters to `zt:retry:<group>`, a stream only that group
 * reads. A new group starts at the beginning of the retained streams, so a service that subscribes
 * for the first time after others published misses nothing (consumers are idempotent).
 */
export class RedisEventBus implements EventBus {
  readonly durable = true;
  private readonly subs = new Set<RedisSubscription>();
  private readonly groupsByStream = new Map<string, Set<string>>();
  private streams?: { at: number; names: string[] };

  private readonly publisher: RedisClient;

  constructor(
    private readonly client: RedisClient,
    private readonly opts: {
      maxLen?: number;
      logger?: Logger;
      /** a stream read not back in this long is stuck and its reader reopened (default 15 s) */
      readStuckMs?: number;
      /**
       * another consumer's message is taken over only once it has waited this long (default 30 s):
       * until then that consumer is handling it (or retrying it itself); past it, it is gone or stuck
       */
      claimStaleMs?: number;
    } = {},
  ) {
    this.publisher = client.withCommandOptions({ timeout: 2000 }) as unknown as RedisClient;
  }

  async publish(event: EventEnvelope): Promise<void> {
    // bounded: while Redis is down the outbox keeps the event PENDING and the relay sends it later
    await this.publisher.xAdd(
      STREAM(eventName(event)),
      '*',
      { id: event.id, data: JSON.stringify(event) },
      { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: this.opts.maxLen ?? 1_000_000 } },
    );
  }

  /** In Redis an event is safe once published. */
  async delivered(): Promise<void> {}

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    const streams = [...opts.events.map(STREAM), RETRY(opts.group)];
    for (const stream of streams) {
      try {
        await this.client.xGroupCreate(stream, opts.group, '0', { MKSTREAM: true });
      } catch (error) {
        if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
      }
      const groups = this.groupsByStream.get(stream) ?? new Set();
      groups.add(opts.group);
      this.groupsByStream.set(stream, groups);
    }
    const reader = this.client.duplicate();
    reader.on('error', () => undefined);
    await reader.connect();
    const sub = new RedisSubscription(this.client, reader, opts, streams, this.opts);
    this.subs.add(sub);
    sub.start();
    return {
      stop: async () => {
        this.subs.delete(sub);
        await sub.stop();
      },
    };
  }

  async deadLetters(group?: string): Promise<DeadLetter[]> {
    const groups = group ? [group] : await this.dlqGroups();
    const out: DeadLetter[] = [];
    for (const g of groups)
      for (const row of await this.client.xRange(DLQ(g), '-', '+')) out.push(letterOf(g, row.message));
    return out;
  }

  async replayDeadLetters(group: string, eventIds?: string[]): Promise<number> {
    let n = 0;
    for (const row of await this.client.xRange(DLQ(group), '-', '+')) {
      const m = row.message as Record<string, string>;
      if (eventIds && !eventIds.includes(m.id)) continue;
      await this.client.xAdd(RETRY(group), '*', { id: m.id, data: m.data });
      await this.client.xDel(DLQ(group), row.id);
      n++;
    }
    return n;
  }

  /** every group of every event stream (found with SCAN, again at most every few seconds): unread + unacknowledged */
  async backlog(): Promise<number> {
    if (!this.streams || Date.now() - this.streams.at > 5_000) {
      const found: string[] = [];
      for await (const keys of this.client.scanIterator({ MATCH: STREAM('*'), COUNT: 500, TYPE: 'stream' }))
        found.push(...(Array.isArray(keys) ? keys : [keys]));
      this.streams = { at: Date.now(), names: found };
    }
    let n = 0;
    for (const stream of this.streams.names) n += await this.outstanding(stream).catch(() => 0);
    return n;
  }

  /** A stream's entries not yet read or not yet acknowledged, summed over its groups (or only `groups`). */
  private async outstanding(stream: string, groups?: Set<string>): Promise<number> {
    let n = 0;
    for (const info of (await this.client.xInfoGroups(stream)) as unknown as Array<Record<string, unknown>>)
      if (!groups || groups.has(String(info.name))) n += Number(info.pending ?? 0) + Number(info.lag ?? 0);
    return n;
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      let outstanding = 0;
      for (const [stream, groups] of this.groupsByStream)
        outstanding += await this.outstanding(stream, groups);
      if (outstanding === 0) return;
      if (Date.now() > until) throw new Error(`event bus did not drain in time (${outstanding} outstanding)`);
      await sleep(10);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subs].map((s) => s.stop()));
    this.subs.clear();
  }

  private async dlqGroups(): Promise<string[]> {
    const groups: string[] = [];
    for await (const keys of this.client.scanIterator({ MATCH: DLQ('*'), COUNT: 100 }))
      for (const key of [keys].flat()) groups.push(String(key).slice(DLQ('').length));
    return groups;
  }
}

function letterOf(group: string, m: Record<string, unknown>): DeadLetter {
  return {
    group,
    event: JSON.parse(String(m.data)) as EventEnvelope,
    error: String(m.error ?? ''),
    deliveries: Number(m.deliveries ?? 0),
    at: String(m.at ?? ''),
  };
}

/** what a subscription's loop is waiting on, since when */
interface Stage {
  name: 'idle' | 'connect' | 'reclaim' | 'read' | 'handle';
  since: number;
  eventId?: string;
}
/** a read blocks for BLOCK_MS at most: one that has not returned in this long is stuck */
const READ_STUCK_MS = 15_000;
const HELD_UP_MS = 30_000;
const REOPEN_AFTER_MS = 3_000;

class RedisSubscription {
  private running = false;
  private loop?: Promise<void>;
  private readonly consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly maxDeliveries: number;
  private readonly baseDelay: number;
  /** the last error of each message this consumer failed, for its dead letter */
  private readonly errors = new Map<string, string>();
  private lastWarned = 0;
  private lastHeldUp = 0;
  private stage: Stage = { name: 'idle', since: Date.now() };
  private watchdog?: NodeJS.Timeout;
  private reopenAt = 0;
  private readonly logger?: Logger;
  private readonly readStuckMs: number;
  private readonly claimStaleMs: number;

  constructor(
    private readonly client: RedisClient,
    private readonly reader: RedisClient,
    private readonly opts: SubscribeOptions,
    private readonly streams: string[],
    bus: { logger?: Logger; readStuckMs?: number; claimStaleMs?: number },
  ) {
    this.logger = bus.logger;
    this.claimStaleMs = bus.claimStaleMs ?? HELD_UP_MS;
    this.readStuckMs = bus.readStuckMs ?? READ_STUCK_MS;
    this.maxDeliveries = opts.maxDeliveries ?? DEFAULT_MAX_DELIVERIES;
    this.baseDelay = opts.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
    this.watchdog = setInterval(() => this.watch(), Math.min(1_000, this.readStuckMs / 2));
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.watchdog);
    // bounded: a step stuck on a connection that will not answer must not hold up the shutdown
    await Promise.race([this.loop, sleep(5_000)]);
    // and a reader that will not answer its QUIT is closed anyway
    await Promise.race([this.reader.quit().catch(() => undefined), sleep(1_000)]);
    if (this.reader.isOpen) this.reader.destroy();
  }

  private at(stage: Stage['name'], eventId?: string): void {
    this.stage = { name: stage, since: Date.now(), eventId };
  }

  /**
   * The loop must never wait for good. A read blocks for BLOCK_MS at most, so one that has not
   * returned in READ_STUCK_MS is stuck: its command sits on a connection that will not answer (after
   * a Redis restart node-redis can stay open and never ready: redis/node-redis#3346). The reader is
   * then destroyed, which fails the read, and the loop opens it again after REOPEN_AFTER_MS (once the
   * abandoned reconnect has given up). The same for a connect that never ends. Any other step
   * running longer than HELD_UP_MS (a handler, a reclaim) is logged at error level while it lasts.
   */
  private watch(): void {
    const { name, since, eventId } = this.stage;
    const forMs = Date.now() - since;
    if ((name === 'read' || name === 'connect') && forMs > this.readStuckMs && this.reader.isOpen) {
      this.logger?.error(
        { group: this.opts.group, stage: name, forMs },
        'event bus: the stream reader is stuck; reopening it',
      );
      this.reopenAt = Date.now() + REOPEN_AFTER_MS;
      this.at('idle');
      this.reader.destroy();
    } else if (name !== 'idle' && forMs > HELD_UP_MS && Date.now() - this.lastHeldUp > HELD_UP_MS) {
      this.lastHeldUp = Date.now();
      this.logger?.error(
        { group: this.opts.group, stage: name, eventId, forMs },
        'event bus: a consumer group is held up',
      );
    }
  }

  private async run(): Promise<void> {
    let lastReclaim = 0;
    while (this.running) {
      try {
        if (!this.reader.isOpen) {
          await sleep(Math.max(0, this.reopenAt - Date.now()));
          this.at('connect');
          await this.reader.connect();
        }
        if (Date.now() - lastReclaim >= this.baseDelay) {
          lastReclaim = Date.now();
          this.at('reclaim');
          await this.reclaim();
        }
        this.at('read');
        const res = await this.reader.xReadGroup(
          this.opts.group,
          this.consumer,
          this.streams.map((key) => ({ key, id: '>' })),
          { COUNT: 100, BLOCK: Math.min(BLOCK_MS, this.baseDelay) },
        );
        this.at('idle');
        for (const stream of (res ?? []) as Array<{
          name: string;
          messages: Array<{ id: string; message: Record<string, string> }>;
        }>) {
          for (const m of await this.inBatches(stream.name, stream.messages)) {
            if (!this.running) return;
            await this.handle(stream.name, m.id, m.message);
          }
        }
      } catch (error) {
        this.at('idle');
        if (!this.running) return;
        // connection trouble: node-redis reconnects; back off briefly, and say so now and then
        if (Date.now() - this.lastWarned > 5_000) {
          this.lastWarned = Date.now();
          this.logger?.warn(
            { err: error, group: this.opts.group },
            'event bus: reading the streams failed; retrying',
          );
        }
        await sleep(100);
      }
    }
  }

  /**
   * The messages read together handed over in batches, each acknowledged as one: those left to
   * handle one by one (all of them without a batch handler; from a failed batch on otherwise).
   */
  private async inBatches(
    stream: string,
    messages: Array<{ id: string; message: Record<string, string> }>,
  ): Promise<typeof messages> {
    const batch = this.opts.batch;
    if (!batch || messages.length < 2) return messages;
    const stage = this.stage.name;
    const max = batch.max ?? DEFAULT_BATCH_MAX;
    let done = 0;
    try {
      while (done < messages.length && this.running) {
        const part = messages.slice(done, done + max);
        const events = part.map((m) => JSON.parse(String(m.message.data)) as EventEnvelope);
        this.at('handle', events[0].id);
        await batch.handler(events);
        await this.client.xAck(
          stream,
          this.opts.group,
          part.map((m) => m.id),
        );
        done += part.length;
      }
    } catch (error) {
      this.logger?.debug(
        { err: error, group: this.opts.group },
        'batch failed: handling its events one by one',
      );
    } finally {
      this.at(stage);
    }
    return messages.slice(done);
  }

  private async handle(stream: string, id: string, message: Record<string, string>): Promise<void> {
    const event = JSON.parse(String(message.data)) as EventEnvelope;
    const stage = this.stage.name;
    // a handler that never returns holds up its group: the watchdog says so, loudly, while it lasts
    this.at('handle', event.id);
    try {
      await this.opts.handler(event);
      await this.client.xAck(stream, this.opts.group, id);
      this.errors.delete(id);
    } catch (error) {
      // left pending: `reclaim` delivers it again after its backoff, or dead-letters it
      this.errors.set(id, error instanceof Error ? error.message : String(error));
    } finally {
      this.at(stage);
    }
  }

  /**
   * Re-delivers this consumer's failed messages whose backoff has passed, and takes over those of
   * consumers gone or stuck (`claimStaleMs`); dead-letters those out of attempts. Another live
   * consumer's pending messages are left to it: they are being handled, or wait their turn in its
   * batch, or it retries them itself — taking them would handle an event twice at the same time.
   */
  private async reclaim(): Promise<void> {
    for (const stream of this.streams) {
      const pending = await this.client.xPendingRange(stream, this.opts.group, '-', '+', 100, {
        IDLE: this.baseDelay,
      });
      for (const p of pending) {
        if (!this.running) return;
        if (p.consumer !== this.consumer && p.millisecondsSinceLastDelivery < this.claimStaleMs) continue;
        if (p.deliveriesCounter >= this.maxDeliveries) {
          await this.deadLetter(stream, p.id, p.deliveriesCounter);
          continue;
        }
        const wait = retryDelay(p.deliveriesCounter, this.baseDelay);
        if (p.millisecondsSinceLastDelivery < wait) continue;
        const claimed = await this.client.xClaim(stream, this.opts.group, this.consumer, wait, p.id);
        for (const m of claimed) if (m) await this.handle(stream, m.id, m.message as Record<string, string>);
      }
    }
  }

  private async deadLetter(stream: string, id: string, deliveries: number): Promise<void> {
    const rows = await this.client.xRange(stream, id, id);
    if (rows[0]) {
      const message = rows[0].message as Record<string, string>;
      const letter: Record<string, string> = {
        id: message.id,
        data: message.data,
        error: this.errors.get(id) ?? 'failed in another consumer',
        deliveries: String(deliveries),
        at: new Date().toISOString(),
      };
      await this.client.xAdd(DLQ(this.opts.group), '*', letter);
      logDeadLetter(this.logger, letterOf(this.opts.group, letter));
    }
    await this.client.xAck(stream, this.opts.group, id);
    this.errors.delete(id);
  }
}
