import { Counter, Gauge, type Metric, Registry } from 'prom-client';

/**
 * Metrics of the kit's own machinery (caches, scheduled jobs), one set per process, shown by every
 * registry `createRegistry` makes (a metric may belong to several registries).
 */
export const processRegistry = new Registry();

export const cacheRequests = new Counter({
  name: 'zt_cache_requests_total',
  help: 'Read-through cache lookups by cache (key prefix) and result (hit, miss)',
  labelNames: ['cache', 'result'],
  registers: [processRegistry],
});

export const jobRuns = new Counter({
  name: 'zt_job_runs_total',
  help: 'Runs of scheduled jobs by outcome (ok, failed)',
  labelNames: ['job', 'outcome'],
  registers: [processRegistry],
});

export const jobLastSuccess = new Gauge({
  name: 'zt_job_last_success_seconds',
  help: 'When each scheduled job last ran without failing (unix seconds)',
  labelNames: ['job'],
  registers: [processRegistry],
});

/** every metric above (`createRegistry` registers them in each registry it makes) */
export const PROCESS_METRICS: Metric[] = [cacheRequests, jobRuns, jobLastSuccess];
