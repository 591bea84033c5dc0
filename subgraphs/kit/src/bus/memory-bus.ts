import type { EventEnvelope } from '@zhongtai/contracts';
import type { Logger } from '../logging.js';
import { type DeadLetterStore, MemoryDeadLetters, logDeadLetter } from './dead-letters.js';
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

interface Item {
  event: EventEnvelope;
  deliveries: number;
}

interface Group {
  name: string;
  events: Set<string>;
  handlers: SubscribeOptions[];
  next: number;
  queue: Item[];
  /** failed events waiting for their next delivery (they do not hold up the queue) */
  retrying: Set<NodeJS.Timeout>;
  busy: boolean;
}

/**
 * In-process bus with the same delivery semantics as the Redis one (`npm start` and tests). It is
 * not durable: what sits in its queues dies with the process, so the outbox keeps an event pending
 * until `delivered` says every group handled it, and relays it again after a restart. Dead letters
 * go to a `DeadLetterStore` (the store in the all-in-one process, so they survive restarts).
 */
export class MemoryEventBus implements EventBus {
  readonly durable = false;
  private readonly groups = new Map<string, Group>();
  /** per event id: groups still to handle it, and who waits for that */
  private readonly inFlight = new Map<string, { remaining: number; waiters: Array<() => void> }>();
  private readonly dead: DeadLetterStore;
  private closed = false;

  constructor(private readonly opts: { logger?: Logger; deadLetters?: DeadLetterStore } = {}) {
    this.dead = opts.deadLetters ?? new MemoryDeadLetters();
  }

  async publish(event: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const name = eventName(event);
    // a copy per group, as a network hop would give: no consumer sees another's mutations
    const json = JSON.stringify(event);
    for (const g of this.groups.values()) {
      if (!g.events.has(name)) continue;
      this.track(event.id, 1);
      g.queue.push({ event: JSON.parse(json) as EventEnvelope, deliveries: 0 });
      this.pump(g);
    }
  }

  async backlog(): Promise<number> {
    return this.inFlight.size;
  }

  delivered(eventId: string): Promise<void> {
    const entry = this.inFlight.get(eventId);
    if (!entry) return Promise.resolve();
    return new Promise((resolve) => entry.waiters.push(resolve));
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    let g = this.groups.get(opts.group);
    if (!g) {
      g = {
        name: opts.group,
        events: new Set(),
        handlers: [],
        next: 0,
        queue: [],
        retrying: new Set(),
        busy: false,
      };
      this.groups.set(opts.group, g);
    }
    for (const e of opts.events) g.events.add(e);
    g.handlers.push(opts);
    const group = g;
    this.pump(group);
    return {
      stop: async () => {
        group.handlers = group.handlers.filter((h) => h !== opts);
        while (group.busy) await sleep(5);
      },
    };
  }

  async deadLetters(group?: string): Promise<DeadLetter[]> {
    return this.dead.list(group);
  }

  async replayDeadLetters(group: string, eventIds?: string[]): Promise<number> {
    const g = this.groups.get(group);
    if (!g) return 0;
    const letters = (await this.dead.list(group)).filter((l) => !eventIds || eventIds.includes(l.event.id));
    await this.dead.remove(
      group,
      letters.map((l) => l.event.id),
    );
    for (const l of letters) {
      this.track(l.event.id, 1);
      g.queue.push({ event: l.event, deliveries: 0 });
    }
    this.pump(g);
    return letters.length;
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    const outstanding = (g: Group) =>
      g.handlers.length > 0 && (g.busy || g.queue.length > 0 || g.retrying.size > 0);
    while ([...this.groups.values()].some(outstanding)) {
      if (Date.now() > until) throw new Error('event bus did not drain in time');
      await sleep(2);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain().catch(() => undefined);
    for (const g of this.groups.values()) for (const t of g.retrying) clearTimeout(t);
    this.groups.clear();
  }

  private track(eventId: string, groups: number): void {
    const entry = this.inFlight.get(eventId);
    if (entry) entry.remaining += groups;
    else this.inFlight.set(eventId, { remaining: groups, waiters: [] });
  }

  private settle(eventId: string): void {
    const entry = this.inFlight.get(eventId);
    if (!entry || --entry.remaining > 0) return;
    this.inFlight.delete(eventId);
    for (const w of entry.waiters) w();
  }

  private pump(g: Group): void {
    if (g.busy || g.handlers.length === 0 || g.queue.length === 0) return;
    g.busy = true;
    void this.run(g).finally(() => {
      g.busy = false;
      this.pump(g);
    });
  }

  private async run(g: Group): Promise<void> {
    while (g.queue.length > 0 && g.handlers.length > 0) {
      const sub = g.handlers[g.next++ % g.handlers.length];
      const items = g.queue.splice(0, sub.batch ? (sub.batch.max ?? DEFAULT_BATCH_MAX) : 1);
      if (items.length > 1 && (await this.inBatch(sub, items))) continue;
      for (const item of items) await this.deliver(g, sub, item);
    }
  }

  /** Hands the events over as one batch: false when it failed (each is then delivered alone). */
  private async inBatch(sub: SubscribeOptions, items: Item[]): Promise<boolean> {
    try {
      await sub.batch!.handler(items.map((i) => i.event));
    } catch (error) {
      this.opts.logger?.debug(
        { err: error, group: sub.group },
        'batch failed: delivering its events one by one',
      );
      return false;
    }
    for (const item of items) this.settle(item.event.id);
    return true;
  }

  private async deliver(g: Group, sub: SubscribeOptions, item: Item): Promise<void> {
    item.deliveries++;
    try {
      await sub.handler(item.event);
      this.settle(item.event.id);
    } catch (error) {
      await this.failed(g, sub, item, error);
    }
  }

  private async failed(g: Group, sub: SubscribeOptions, item: Item, error: unknown): Promise<void> {
    if (item.deliveries >= (sub.maxDeliveries ?? DEFAULT_MAX_DELIVERIES)) {
      const letter: DeadLetter = {
        group: g.name,
        event: item.event,
        error: error instanceof Error ? error.message : String(error),
        deliveries: item.deliveries,
        at: new Date().toISOString(),
      };
      for (let attempt = 0; ; attempt++) {
        try {
          await this.dead.add(letter);
          break;
        } catch (storeError) {
          // never drop it silently: the store will be back (the outbox still holds the event too)
          if (attempt % 20 === 0)
            this.opts.logger?.warn({ err: storeError }, 'dead letter not stored yet; retrying');
          await sleep(500);
        }
      }
      logDeadLetter(this.opts.logger, letter);
      this.settle(item.event.id);
      return;
    }
    const timer = setTimeout(
      () => {
        g.retrying.delete(timer);
        g.queue.push(item);
        this.pump(g);
      },
      retryDelay(item.deliveries, sub.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS),
    );
    timer.unref();
    g.retrying.add(timer);
  }
}
