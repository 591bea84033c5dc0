import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventBus } from './bus/event-bus.js';

/** One Prometheus registry per process (prom-client: the standard Node client). */
export function createRegistry(
  opts: { defaultMetrics?: boolean; labels?: Record<string, string> } = {},
): Registry {
  const registry = new Registry();
  if (opts.labels) registry.setDefaultLabels(opts.labels);
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

export interface GraphqlMetrics {
  requests: Counter<'service' | 'outcome'>;
  duration: Histogram<'service'>;
  dbRoundTrips: Histogram<'service'>;
}

const cache = new WeakMap<Registry, GraphqlMetrics>();

/** Request counters shared by the gateway and the subgraphs (labelled by service). */
export function graphqlMetrics(registry: Registry): GraphqlMetrics {
  let m = cache.get(registry);
  if (!m) {
    m = {
      requests: new Counter({
        name: 'zt_graphql_requests_total',
        help: 'GraphQL requests by outcome',
        labelNames: ['service', 'outcome'],
        registers: [registry],
      }),
      duration: new Histogram({
        name: 'zt_graphql_request_duration_seconds',
        help: 'GraphQL request duration',
        labelNames: ['service'],
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [registry],
      }),
      dbRoundTrips: new Histogram({
        name: 'zt_db_round_trips_per_request',
        help: 'Database commands sent per GraphQL request',
        labelNames: ['service'],
        buckets: [0, 1, 2, 3, 5, 8, 13, 21],
        registers: [registry],
      }),
    };
    cache.set(registry, m);
  }
  return m;
}

/**
 * Dead letters per consumer group (`zt_event_dead_letters`), read from the bus at every scrape:
 * anything above zero is worth an alert (the runbook: `npm run dead-letters`).
 */
export function registerBusMetrics(registry: Registry, bus: EventBus): void {
  new Gauge({
    name: 'zt_event_dead_letters',
    help: 'Events a consumer group gave up on after every retry, waiting to be replayed',
    labelNames: ['group'],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = new Map<string, number>();
      for (const letter of await bus.deadLetters())
        counts.set(letter.group, (counts.get(letter.group) ?? 0) + 1);
      for (const [group, n] of counts) this.set({ group }, n);
    },
  });
}
