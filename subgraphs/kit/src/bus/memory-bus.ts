import type { EventEnvelope } from '@zhongtai/contracts';
import { type EventBus, type SubscribeOptions, type Subscription, eventName, sleep } from './event-bus.js';

interface Group {
  name: string;
  events: Set<string>;
  handlers: SubscribeOptions[];
  next: number;
  queue: { event: EventEnvelope; deliveries: number }[];
  busy: boolean;
  dead: EventEnvelope[];
}

/** In-process bus with the same delivery semantics as the Redis one (used by `npm start` and tests). */
export class MemoryEventBus implements EventBus {
  private readonly groups = new Map<string, Group>();
  private closed = false;

  async publish(event: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error('event bus is closed');
    const name = eventName(event);
    // a copy per group, as a network hop would give: no consumer sees another's mutations
    const json = JSON.stringify(event);
    for (const g of this.groups.values()) {
      if (!g.events.has(name)) continue;
      g.queue.push({ event: JSON.parse(json) as EventEnvelope, deliveries: 0 });
      this.pump(g);
    }
  }

  async subscribe(opts: SubscribeOptions): Promise<Subscription> {
    let g = this.groups.get(opts.group);
    if (!g) {
      g = { name: opts.group, events: new Set(), handlers: [], next: 0, queue: [], busy: false, dead: [] };
      this.groups.set(opts.group, g);
    }
    for (const e of opts.events) g.events.add(e);
    g.handlers.push(opts);
    const group = g;
    return {
      stop: async () => {
        group.handlers = group.handlers.filter((h) => h !== opts);
        while (group.busy) await sleep(5);
      },
    };
  }

  async deadLetters(group: string): Promise<EventEnvelope[]> {
    return [...(this.groups.get(group)?.dead ?? [])];
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while ([...this.groups.values()].some((g) => g.busy || (g.queue.length > 0 && g.handlers.length > 0))) {
      if (Date.now() > until) throw new Error('event bus did not drain in time');
      await sleep(2);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain().catch(() => undefined);
    this.groups.clear();
  }

  private pump(g: Group): void {
    if (g.busy || g.handlers.length === 0) return;
    g.busy = true;
    void this.run(g).finally(() => {
      g.busy = false;
      if (g.queue.length > 0 && g.handlers.length > 0) this.pump(g);
    });
  }

  private async run(g: Group): Promise<void> {
    while (g.queue.length > 0 && g.handlers.length > 0) {
      const item = g.queue[0];
      const sub = g.handlers[g.next++ % g.handlers.length];
      item.deliveries++;
      try {
        await sub.handler(item.event);
        g.queue.shift();
      } catch {
        if (item.deliveries >= (sub.maxDeliveries ?? 5)) {
          g.queue.shift();
          g.dead.push(item.event);
        } else {
          await sleep(sub.retryDelayMs ?? 200);
        }
      }
    }
  }
}
