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

/** per collection of due work (`DueClaims`): how many of its records are due and held by nobody */
export const dueBacklogSources = new Map<string, () => Promise<number>>();

export const dueBacklog = new Gauge({
  name: 'zt_due_backlog',
  help: 'Scheduled work due now and not yet taken (surveys to send, SLA checks, campaign deliveries…) by collection',
  labelNames: ['collection'],
  registers: [processRegistry],
  async collect() {
    this.reset();
    // a collection that cannot be counted (its database away) has no sample: absent, not a false 0
    for (const [collection, count] of dueBacklogSources) {
      const n = await count().catch(() => undefined);
      if (n !== undefined) this.set({ collection }, n);
    }
  },
});

/** every metric above (`createRegistry` registers them in each registry it makes) */
export const PROCESS_METRICS: Metric[] = [cacheRequests, jobRuns, jobLastSuccess, dueBacklog];
