import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface AdapterMetrics {
  calls: Counter<'adapter' | 'outcome'>;
  seconds: Histogram<'adapter'>;
  breaker: Gauge<'adapter'>;
  queued: Gauge<'adapter'>;
}

const byRegistry = new WeakMap<Registry, AdapterMetrics>();

/** Per-adapter metrics: calls by outcome, latency, circuit state (0 closed, 1 half-open, 2 open), queued writes. */
export function adapterMetrics(registry: Registry): AdapterMetrics {
  let m = byRegistry.get(registry);
  if (!m) {
    m = {
      calls: new Counter({
        name: 'zt_adapter_calls_total',
        help: 'Calls to legacy systems by outcome',
        labelNames: ['adapter', 'outcome'],
        registers: [registry],
      }),
      seconds: new Histogram({
        name: 'zt_adapter_call_seconds',
        help: 'Latency of calls to legacy systems',
        labelNames: ['adapter'],
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
      breaker: new Gauge({
        name: 'zt_adapter_circuit_state',
        help: 'Circuit breaker: 0 closed, 1 half-open, 2 open',
        labelNames: ['adapter'],
        registers: [registry],
      }),
      queued: new Gauge({
        name: 'zt_adapter_queued_writes',
        help: 'Writes waiting for a legacy system to come back',
        labelNames: ['adapter'],
        registers: [registry],
      }),
    };
    byRegistry.set(registry, m);
  }
  return m;
}
