import type { Connection } from 'mongoose';
import { MongoDeadLetters } from './bus/dead-letters.js';
import { type EventBus } from './bus/event-bus.js';
import { MemoryEventBus } from './bus/memory-bus.js';
import { RedisEventBus } from './bus/redis-bus.js';
import { type Cache } from './cache/cache.js';
import { MemoryCache } from './cache/memory-cache.js';
import { RedisCache } from './cache/redis-cache.js';
import { type TenantCalendar, defaultCalendar } from './calendar.js';
import { type Clock, systemClock } from './clock.js';
import type { HealthCheck } from './http/http-app.js';
import type { Logger } from './logging.js';
import { connectMongo, pingMongo } from './mongo/connection.js';
import { ImportGate } from './bus/import-gate.js';
import { Outbox } from './outbox/outbox.js';
import { type RedisClient, connectRedis, pingRedis } from './redis.js';
import type { SubgraphDeps } from './subgraph.js';

/** Cache and event bus of a process: Redis when a URL is given, in-process otherwise. */
export interface Infra {
  cache: Cache;
  bus: EventBus;
  redis?: RedisClient;
  readiness: HealthCheck[];
  close(): Promise<void>;
}

export async function createInfra(opts: {
  redisUrl?: string;
  logger?: Logger;
  /** without Redis: keep the in-process bus's dead letters in this store (`zhongtai_platform`), so a restart keeps them */
  mongoUri?: string;
  dbPrefix?: string;
  /** the in-process cache's clock for its TTLs (tests move a ManualClock instead of sleeping) */
  clock?: Clock;
}): Promise<Infra> {
  if (!opts.redisUrl) {
    const clock = opts.clock ?? systemClock;
    const cache = new MemoryCache({ now: () => clock.now().getTime() });
    const db = opts.mongoUri
      ? await connectMongo({ uri: opts.mongoUri, dbName: `${opts.dbPrefix ?? 'zhongtai'}_platform` })
      : undefined;
    const bus = new MemoryEventBus({
      logger: opts.logger,
      deadLetters: db ? new MongoDeadLetters(db) : undefined,
    });
    return {
      cache,
      bus,
      readiness: [],
      close: async () => {
        await bus.close();
        await cache.close();
        await db?.close();
      },
    };
  }
  const redis = await connectRedis(opts.redisUrl, opts.logger);
  const bus = new RedisEventBus(redis, { logger: opts.logger });
  return {
    cache: new RedisCache(redis),
    bus,
    redis,
    // the caches fall back to the database and events wait in the outbox: a dependency, not the process
    readiness: [{ name: 'redis', check: () => pingRedis(redis), scope: 'dependency' }],
    close: async () => {
      await bus.close();
      await redis.quit().catch(() => undefined);
    },
  };
}

/** Opens the subgraph's own logical database (`zhongtai_<name>`) and wires its outbox. */
export async function createSubgraphDeps(opts: {
  name: string;
  mongoUri: string;
  infra: Infra;
  logger: Logger;
  clock?: Clock;
  /** the tenants' calendar (`resolveCalendar(config)`); Asia/Shanghai for every tenant when absent */
  calendar?: TenantCalendar;
  dbPrefix?: string;
  /** the bulk writes' backpressure (IMPORT_MAX_BACKLOG; ImportGate's defaults where absent) */
  importGate?: { maxBacklog?: number; maxWaitMs?: number };
}): Promise<SubgraphDeps & { readiness: HealthCheck[]; close(): Promise<void> }> {
  const clock = opts.clock ?? systemClock;
  const db: Connection = await connectMongo({
    uri: opts.mongoUri,
    dbName: `${opts.dbPrefix ?? 'zhongtai'}_${dbName(opts.name)}`,
  });
  const outbox = new Outbox(db, opts.infra.bus, clock, opts.logger);
  return {
    db,
    bus: opts.infra.bus,
    cache: opts.infra.cache,
    outbox,
    clock,
    calendar: opts.calendar ?? defaultCalendar,
    logger: opts.logger,
    importGate: new ImportGate(opts.infra.bus, opts.importGate),
    readiness: [{ name: `mongo:${opts.name}`, check: () => pingMongo(db) }, ...opts.infra.readiness],
    close: async () => {
      await db.close();
    },
  };
}

function dbName(name: string): string {
  return name.replace(/[^a-z0-9]/gi, '_');
}
