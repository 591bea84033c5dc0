import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventBus } from './bus/event-bus.js';
import type { Outbox } from './outbox/outbox.js';
import { PROCESS_METRICS } from './process-metrics.js';

/** One Prometheus registry per process (prom-client: the standard Node client). */
export function createRegistry(
  opts: { defaultMetrics?: boolean; labels?: Record<string, string> } = {},
): Registry {
  const registry = new Registry();
  if (opts.labels) registry.setDefaultLabels(opts.labels);
  for (const metric of PROCESS_METRICS) registry.registerMetric(metric);
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

/**
 * The outbox's lag, read at every scrape: events waiting to be published (`zt_outbox_pending`) and
 * the age of the oldest (`zt_outbox_oldest_pending_seconds`): above a few seconds the relay is behind
 * or the bus is down.
 */
export function registerOutboxMetrics(
  registry: Registry,
  outbox: Outbox,
  labels: Record<string, string> = {},
): void {
  let last: Promise<{ pending: number; oldestSeconds: number }> | undefined;
  // both gauges read one lag per scrape
  const read = () =>
    (last ??= outbox.lag().finally(() => setTimeout(() => (last = undefined), 1000).unref()));
  new Gauge({
    name: 'zt_outbox_pending',
    help: 'Events written with their state change and not yet published to the bus',
    labelNames: Object.keys(labels),
    registers: [registry],
    async collect() {
      this.set(labels, (await read()).pending);
    },
  });
  new Gauge({
    name: 'zt_outbox_oldest_pending_seconds',
    help: 'Age of the oldest event not yet published (0 when none)',
    labelNames: Object.keys(labels),
    registers: [registry],
    async collect() {
      this.set(labels, (await read()).oldestSeconds);
    },
  });
}

/** at most this many distinct operation names per process are labelled; the rest count as "other" */
const MAX_OPERATION_NAMES = 300;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export interface OperationMetrics {
  /** one request: its operation's name (unnamed: "anonymous"), its time, the codes of its errors */
  record(
    service: string,
    operation: string | null | undefined,
    seconds: number,
    errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>,
  ): void;
}

const operationCache = new WeakMap<Registry, OperationMetrics>();

/**
 * Latency per operation name (`zt_graphql_operation_duration_seconds`) and errors per operation and
 * code (`zt_graphql_errors_total`), shared by the gateway and the subgraphs. Names come from clients:
 * only well-formed ones are labels, and only the first 300 seen (then "other"), so a client sending
 * random names cannot blow up the series.
 */
export function operationMetrics(registry: Registry): OperationMetrics {
  let m = operationCache.get(registry);
  if (m) return m;
  const duration = new Histogram({
    name: 'zt_graphql_operation_duration_seconds',
    help: 'GraphQL requests by operation name',
    labelNames: ['service', 'operation'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'zt_graphql_errors_total',
    help: 'GraphQL errors by operation name and error code',
    labelNames: ['service', 'operation', 'code'],
    registers: [registry],
  });
  const seen = new Set<string>();
  const label = (name: string | null | undefined) => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_NAMES) return 'other';
    seen.add(name);
    return name;
  };
  m = {
    record(service, operation, seconds, errs) {
      const name = label(operation);
      duration.observe({ service, operation: name }, seconds);
      for (const e of errs ?? []) {
        const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
        errors.inc({ service, operation: name, code: /^[A-Z_]{1,40}$/.test(code) ? code : 'OTHER' });
      }
    },
  };
  operationCache.set(registry, m);
  return m;
}
