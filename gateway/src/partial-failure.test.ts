import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { testToken } from '@zhongtai/subgraph-kit';
import { type TinyGateway, post, startTinyGateway, tinyGraph } from './testing/tiny-graph.js';

/**
 * Subgraph `b` is a server that accepts connections and never answers (a hung process, a lost
 * network): the gateway answers `a`'s fields and nulls `b`'s with an error naming it, within the
 * deadline; after `breakerThreshold` such calls it stops calling `b` for a while and answers at once.
 */
let hung: Server;
let received = 0;
let gw: TinyGateway;
let token: string;
const registry = new Registry();

beforeAll(async () => {
  hung = createServer(() => void received++); // reads the request, never answers
  await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()));
  const port = (hung.address() as AddressInfo).port;
  gw = await startTinyGateway({
    subgraphs: { a: { schema: tinyGraph().a }, b: { url: `http://127.0.0.1:${port}/graphql` } },
    subgraphCalls: { timeoutMs: 300, breakerThreshold: 2, halfOpenAfterMs: 60_000 },
    registry,
  });
  token = await testToken({ role: 'HQ' });
});
afterAll(async () => {
  await gw.close();
  hung.closeAllConnections();
  await new Promise<void>((r) => hung.close(() => r()));
});

const query = { query: 'query NodeView { node(id: "1") { name score } hello }' };
const metric = async (name: string, labels: string) =>
  (await registry.metrics()).split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));

describe('a subgraph that hangs', () => {
  it('costs a request its deadline, not more: the rest answers, its fields are null with UPSTREAM_UNAVAILABLE', async () => {
    const started = Date.now();
    const r = await post(gw.url, query, { token });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(r.data).toEqual({ node: { name: 'n1', score: null }, hello: 'world' });
    expect(r.errors?.[0].message).toMatch(/Subgraph b did not answer: no answer within 300 ms/);
    expect(r.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(received).toBe(1);
  });

  it('is not called at all once its circuit opened: answers come at once, the gauge says open', async () => {
    await post(gw.url, query, { token }); // the second failure in a row opens the circuit
    expect(received).toBe(2);
    const r = await post(gw.url, query, { token }); // no call: subgraph b still received two
    expect(received).toBe(2);
    expect(r.data).toEqual({ node: { name: 'n1', score: null }, hello: 'world' });
    expect(r.errors?.[0].message).toMatch(/circuit open/);
    expect(await metric('zt_subgraph_circuit_state', 'subgraph="b"')).toMatch(/ 2$/);
    expect(await metric('zt_subgraph_call_duration_seconds_count', 'outcome="timeout"')).toMatch(/ 2$/);
    expect(await metric('zt_subgraph_call_duration_seconds_count', 'outcome="circuit_open"')).toMatch(/ 1$/);
    // per operation: its latency and its errors by code
    expect(await metric('zt_graphql_operation_duration_seconds_count', 'operation="NodeView"')).toMatch(
      / 3$/,
    );
    expect(await metric('zt_graphql_errors_total', 'code="UPSTREAM_UNAVAILABLE"')).toMatch(
      /operation="NodeView".* 3$/,
    );
  });
});
