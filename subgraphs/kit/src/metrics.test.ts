import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { periodicJob } from './jobs.js';
import { silentLogger } from './logging.js';
import { createRegistry, operationMetrics, registerOutboxMetrics } from './metrics.js';
import { cacheRequests } from './process-metrics.js';

const lines = async (r: Registry, name: string) =>
  (await r.metrics()).split('\n').filter((l) => l.startsWith(`${name}{`));

describe('operation metrics', () => {
  it('labels well-formed names, counts errors by code, and caps the names a client can invent', async () => {
    const r = new Registry();
    const m = operationMetrics(r);
    m.record('gateway', 'MemberView', 0.01);
    m.record('gateway', 'MemberView', 0.02, [{ extensions: { code: 'FORBIDDEN' } }, { extensions: {} }]);
    m.record('gateway', null, 0.01);
    m.record('gateway', 'not a name; drop table', 0.01);
    for (let i = 0; i < 400; i++) m.record('gateway', `Random${i}`, 0.001);
    const counts = await lines(r, 'zt_graphql_operation_duration_seconds_count');
    expect(counts).toContain(
      'zt_graphql_operation_duration_seconds_count{service="gateway",operation="MemberView"} 2',
    );
    expect(counts).toContain(
      'zt_graphql_operation_duration_seconds_count{service="gateway",operation="anonymous"} 1',
    );
    // 300 names at most: MemberView + 299 random ones; the other 101 and the malformed one are "other"
    expect(counts).toContain(
      'zt_graphql_operation_duration_seconds_count{service="gateway",operation="other"} 102',
    );
    expect(counts).toHaveLength(302);
    const errors = await lines(r, 'zt_graphql_errors_total');
    expect(errors).toEqual([
      'zt_graphql_errors_total{service="gateway",operation="MemberView",code="FORBIDDEN"} 1',
      'zt_graphql_errors_total{service="gateway",operation="MemberView",code="INTERNAL_SERVER_ERROR"} 1',
    ]);
  });
});

describe('the kit’s machinery in every registry', () => {
  it('shows the outbox’s lag, the scheduled jobs’ runs and the caches’ hits', async () => {
    const r = createRegistry({ defaultMetrics: false, labels: { subgraph: 'points' } });
    registerOutboxMetrics(r, { lag: async () => ({ pending: 3, oldestSeconds: 12.5 }) } as never);
    const stop = periodicJob({
      name: 'test job',
      everyMs: 5,
      logger: silentLogger(),
      run: async () => undefined,
    })!();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await stop();
    cacheRequests.inc({ cache: 'test:doc:', result: 'hit' }, 2);
    const text = await r.metrics();
    expect(text).toMatch(/^zt_outbox_pending\{subgraph="points"\} 3$/m);
    expect(text).toMatch(/^zt_outbox_oldest_pending_seconds\{subgraph="points"\} 12.5$/m);
    expect(text).toMatch(/^zt_job_runs_total\{job="test job",outcome="ok",subgraph="points"\} [1-9]/m);
    expect(text).toMatch(/^zt_job_last_success_seconds\{job="test job",subgraph="points"\} [1-9]/m);
    expect(text).toMatch(/^zt_cache_requests_total\{cache="test:doc:",result="hit",subgraph="points"\} 2$/m);
  });
});
