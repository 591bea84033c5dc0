import { createClient } from 'redis';
import type { Logger } from './logging.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * Connects node-redis; reconnects with capped backoff, so a Redis restart is survived, and a
 * watchdog revives the client if its reconnect loop gets stuck (`reviveWhenStuck`).
 */
export async function connectRedis(url: string, logger?: Logger): Promise<RedisClient> {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000), connectTimeout: 5000 },
  });
  client.on('error', () => {
    // reported through readiness checks; node-redis reconnects on its own
  });
  await client.connect();
  reviveWhenStuck(client, logger);
  return client;
}

/** What the watchdog needs of a client (node-redis's, or a test's stand-in). */
export interface RevivableClient {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  destroy(): void;
  connect(): Promise<unknown>;
}

export interface ReviveOptions {
  /** open, not ready and silent (no connect, ready, error or reconnecting event) for this long: stuck */
  stuckMs?: number;
  /** after destroying it, how long to let the abandoned reconnect loop end before connecting again */
  settleMs?: number;
  checkEveryMs?: number;
}

/**
 * node-redis (5.x) can be left stuck after Redis restarts: when the connection drops during the
 * handshake of a reconnect, the client stays open but never ready, emits nothing more and never
 * tries again, and every command waits in its queue for good (redis/node-redis#3346; the
 * multi-process fault run saw consumer groups stop for good after Redis came back, under CPU load;
 * the bus also watches its own readers, `redis-bus.ts`). A reconnecting client says so with an
 * event at least every few seconds, so a client that is open, not ready and silent for `stuckMs`
 * is revived in place: destroyed (its queued commands fail, and their callers retry), then
 * connected again once the abandoned loop has ended. The owner keeps the same client object; a client its owner closed is left closed.
 * Returns a function that stops the watchdog.
 */
export function reviveWhenStuck(
  client: RevivableClient,
  logger?: Logger,
  opts: ReviveOptions = {},
): () => void {
  const stuckMs = opts.stuckMs ?? 10_000;
  const settleMs = opts.settleMs ?? 3_000;
  let heard = Date.now();
  let reviving = false;
  let closed = false;
  const hear = () => (heard = Date.now());
  for (const event of ['connect', 'ready', 'error', 'reconnecting']) client.on(event, hear);
  /** destroyed by a revival and not open again yet */
  let down = false;
  const reconnect = () => {
    hear();
    client
      .connect()
      .then(() => {
        down = false;
        logger?.info('redis client revived');
      })
      .catch((error: unknown) => {
        hear();
        logger?.warn({ err: error }, 'redis client revival failed; trying again');
      });
  };
  const timer = setInterval(() => {
    if (closed) return clearInterval(timer);
    if (reviving) return;
    if (down && client.isOpen) down = false;
    // a failed connect is tried again every `settleMs`
    if (down && !client.isOpen) return void (Date.now() - heard >= settleMs && reconnect());
    if (!client.isOpen || client.isReady || Date.now() - heard < stuckMs) return;
    reviving = true;
    down = true;
    logger?.warn(
      { silentForMs: Date.now() - heard },
      'redis client stuck reconnecting (open, not ready, silent); reviving it',
    );
    try {
      client.destroy();
    } catch {
      // already closed
    }
    setTimeout(() => {
      reviving = false;
      if (!closed) reconnect();
    }, settleMs).unref();
  }, opts.checkEveryMs ?? 1_000);
  timer.unref();
  return () => {
    closed = true;
    clearInterval(timer);
  };
}

export async function pingRedis(client: RedisClient): Promise<boolean> {
  try {
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  }
}
