import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, withServerSpan } from '@zhongtai/subgraph-kit';
import { createLegacyHttp } from './http-client.js';

/** A call to a legacy system carries the caller's trace (W3C traceparent) and is a span of it. */
const exporter = new InMemorySpanExporter();
let stop: (() => Promise<void>) | undefined;
let url = '';
const seen: Array<string | undefined> = [];
const server = createServer((req, res) => {
  seen.push(req.headers.traceparent as string | undefined);
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});

beforeAll(async () => {
  stop = startTracing({ serviceName: 'adapters-sync', exporter });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await stop?.();
  await new Promise<void>((r) => server.close(() => r()));
});

it('sends the trace to the legacy system and records the call as a span of it', async () => {
  const http = createLegacyHttp({ name: 'pos-legacy', baseUrl: url });
  const traceId = await withServerSpan('sync pass', {}, {}, async () => {
    await http.request('GET', '/sales');
    return trace.getSpanContext(context.active())!.traceId;
  });
  expect(seen[0]).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  const call = exporter.getFinishedSpans().find((s) => s.name === 'pos-legacy GET');
  expect(call?.spanContext().traceId).toBe(traceId);
  expect(call?.attributes['zt.adapter']).toBe('pos-legacy');
});
