import type { EventEnvelope } from '@zhongtai/contracts';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface SubscribeOptions {
  /** consumer group: each group receives every event once (at least once); members of a group share the work */
  group: string;
  /** full event names, e.g. `order.completed.v1` */
  events: string[];
  handler: EventHandler;
  /** deliveries before an event goes to the group's dead-letter list (default 5) */
  maxDeliveries?: number;
  /** wait before a failed event is delivered again (default 200 ms) */
  retryDelayMs?: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * Domain events between subgraphs: at-least-once, ordered per event name, consumer groups,
 * retries and dead letters. In-process by default, Redis Streams when REDIS_URL is set; both
 * pass the same contract suite (`event-bus.contract.ts`).
 */
export interface EventBus {
  /** full name of an envelope: `type.vN` */
  publish(event: EventEnvelope): Promise<void>;
  subscribe(opts: SubscribeOptions): Promise<Subscription>;
  deadLetters(group: string): Promise<EventEnvelope[]>;
  /** resolves when every published event has been handled or dead-lettered by every group */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function eventName(event: Pick<EventEnvelope, 'type' | 'version'>): string {
  return `${event.type}.v${event.version}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());
