import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, testToken } from '@zhongtai/subgraph-kit';
import type { Platform } from './platform.js';
import { startTestPlatform } from './test-platform.js';

/**
 * OpenTelemetry (issue "Ops"): with tracing on, one request is one trace across the gateway, every
 * subgraph it calls over HTTP, the service calls a subgraph makes back through the gateway, and each
 * database command — exported here to an in-memory exporter instead of an OTLP collector.
 */
const exporter = new InMemorySpanExporter();
let stopTracing: (() => Promise<void>) | undefined;
let platform: Platform;
let system: string;

beforeAll(async () => {
  stopTracing = startTracing({ serviceName: 'zhongtai', exporter });
  platform = await startTestPlatform({ transport: 'http' });
  system = await testToken({ role: 'SYSTEM' });
});
afterAll(async () => {
  await platform.stop();
  await stopTracing?.();
});

async function gql(query: string, variables: Record<string, unknown> = {}, traceparent?: string) {
  const res = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${system}`,
      ...(traceparent ? { traceparent } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors[0].message);
}

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const names = (spans: ReadableSpan[]) => spans.map((s) => s.name);

it('follows an order from the gateway through the orders subgraph, its service call to the member center, and the store', async () => {
  await gql('mutation { upsertStore(input: { id: "s1", name: "S1", region: "east" }) { id } }');
  exporter.reset();
  // the caller's trace context (a channel app's, or its load balancer's) is continued
  await gql(
    `mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { id } } }`,
    {
      i: {
        source: 'pos',
        externalId: 'T-1',
        channel: 'STORE',
        storeId: 's1',
        buyer: { channel: 'STORE', externalId: 'card-T-1', phone: '13800000077' },
        lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 1000 }],
        placedAt: new Date().toISOString(),
      },
    },
    `00-${traceId}-00f067aa0ba902b7-01`,
  );
  await platform.drain();
  const spans = inTrace();
  const all = names(spans);
  expect(all).toContain('gateway graphql');
  expect(all).toContain('fetch orders');
  expect(all).toContain('orders graphql');
  // the orders subgraph identified the buyer through the gateway: the member center's work is in the trace
  expect(all).toContain('service call orders');
  expect(all).toContain('member graphql');
  expect(all.some((n) => n.startsWith('mongodb '))).toBe(true);
  // parent links hold the trace together: the subgraph's server span is a child of the gateway's fetch
  const fetch = spans.find((s) => s.name === 'fetch orders')!;
  const served = spans.find((s) => s.name === 'orders graphql')!;
  expect(served.parentSpanContext?.spanId).toBe(fetch.spanContext().spanId);
  const db = spans.find(
    (s) => s.name.startsWith('mongodb ') && s.attributes['db.namespace'] === 'zhongtai_orders',
  );
  expect(db).toBeDefined();
});
