import type { GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import type { EventBus } from './bus/event-bus.js';
import type { Cache } from './cache/cache.js';
import type { Clock } from './clock.js';
import type { Logger } from './logging.js';
import type { Outbox } from './outbox/outbox.js';

/** What a subgraph factory receives: everything with I/O is injected, nothing is read from env. */
export interface SubgraphDeps {
  db: Connection;
  bus: EventBus;
  cache: Cache;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
}

/** A built subgraph: its schema, and the background work (event consumers, jobs) it owns. */
export interface Subgraph {
  name: string;
  schema: GraphQLSchema;
  sdl: string;
  /** subscribe consumers, start jobs */
  start(): Promise<void>;
  /** stop consumers and jobs; in-flight handlers finish first */
  stop(): Promise<void>;
}
