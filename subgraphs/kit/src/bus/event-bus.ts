import type { EventEnvelope } from '@zhongtai/contracts';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface SubscribeOptions {
  /** consumer group: each group receives every event once (at least once); members of a group share the work */
  group: string;
  /** full event names, e.g. `order.completed.v1` */
  events: string[];
  handler: EventHandler;
  /**
   * Events that queued up for the group while it was busy, handed over together (a projection
   * applies them with one bulk write: a history import announces thousands of orders at once).
   * All or nothing for the bus: when it throws, each of its events is delivered alone to `handler`,
   * with its own retries and dead letters — so it must be as idempotent as `handler`, which it
   * usually is (the same writes, in bulk). Events come in publish order per event name.
   */
  batch?: { handler: (events: EventEnvelope[]) => Promise<void>; max?: number };
  /** deliveries before an event goes to the group's dead letters (default 12: about six minutes of retries) */
  maxDeliveries?: number;
  /** wait before the first retry of a failed event; each further retry waits three times longer, at most a minute (default 250 ms) */
  retryDelayMs?: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

/** An event a group gave up on, with why; kept until replayed. */
export interface DeadLetter {
  group: string;
  event: EventEnvelope;
  error: string;
  deliveries: number;
  /** ISO time it was dead-lettered */
  at: string;
}

/**
 * Domain events between subgraphs: at-least-once, ordered per event name (a retried event may
 * arrive after later ones: consumers tolerate it), consumer groups, retries with exponential
 * backoff for minutes, then dead letters that are kept, counted and replayable. In-process by
 * default, Redis Streams when REDIS_URL is set; both pass the same contract suite
 * (`event-bus.contract.ts`).
 */
export interface EventBus {
  /**
   * Whether a published event survives this process (Redis): an outbox may then mark it sent at
   * once. The in-process bus is not durable: the outbox keeps an event pending until `delivered`.
   */
  readonly durable: boolean;
  /** full name of an envelope: `type.vN` */
  publish(event: EventEnvelope): Promise<void>;
  /** resolves once every group that received the event has handled it or dead-lettered it */
  delivered(eventId: string): Promise<void>;
  subscribe(opts: SubscribeOptions): Promise<Subscription>;
  /** dead letters of one group, or of every group */
  deadLetters(group?: string): Promise<DeadLetter[]>;
  /** hands dead letters back to their group (all of it, or these event ids); returns how many */
  replayDeadLetters(group: string, eventIds?: string[]): Promise<number>;
  /** resolves when every published event has been handled or dead-lettered by every group */
  drain(timeoutMs?: number): Promise<void>;
  /**
   * How far the consumers are behind: events published and not yet handled by every group that gets
   * them (in-process: this process's; Redis: every group of every stream, whichever process reads
   * it). Bulk writers wait on it (`ImportGate`).
   */
  backlog(): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_DELIVERIES = 12;
/** At most this many events in one batch (`SubscribeOptions.batch.max`). */
export const DEFAULT_BATCH_MAX = 200;
export const DEFAULT_RETRY_DELAY_MS = 250;

/** The wait before delivery `deliveries + 1` of a failed event: ×3 each time, capped at a minute. */
export function retryDelay(deliveries: number, baseMs = DEFAULT_RETRY_DELAY_MS): number {
  return Math.min(baseMs * 3 ** Math.max(0, deliveries - 1), 60_000);
}

export function eventName(event: Pick<EventEnvelope, 'type' | 'version'>): string {
  return `${event.type}.v${event.version}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());
