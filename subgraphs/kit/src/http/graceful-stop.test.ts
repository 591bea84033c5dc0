import { expect, it } from '@jest/globals';
import { silentLogger } from '../logging.js';
import { createHttpApp, sendJson } from './http-app.js';

/**
 * A graceful stop, as a pod's SIGTERM runs it: `/readyz` answers 503 at once while requests are still
 * served (the load balancer takes the instance out), a request in flight finishes with its answer,
 * then new connections are refused.
 */
it('drains: readiness drops first, in-flight requests finish, then nothing new is taken', async () => {
  let release!: () => void;
  const slow = new Promise<void>((r) => (release = r));
  const app = createHttpApp({
    name: 'graceful',
    logger: silentLogger(),
    readiness: [],
    graphql: async (_req, res) => {
      await slow;
      sendJson(res, 200, { data: { ok: true } });
    },
  });
  const url = await app.listen(0, '127.0.0.1');
  expect((await fetch(`${url}/readyz`)).status).toBe(200);

  const inFlight = fetch(`${url}/graphql`, { method: 'POST', body: '{}' });
  while (app.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
  const draining = app.drain(300);
  // during the delay: not ready, still serving
  const ready = await fetch(`${url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ status: 'shutting down' });
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  await draining;

  const closing = app.close(5_000);
  release(); // the request in flight finishes while the server closes
  const answer = await inFlight;
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual({ data: { ok: true } });
  await closing;
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
});

it('reports a dependency down in /readyz but not in /readyz?scope=self (the load balancer’s probe)', async () => {
  const app = createHttpApp({
    name: 'scoped',
    logger: silentLogger(),
    readiness: [
      { name: 'mongo:points', check: async () => true },
      { name: 'redis', check: async () => false, scope: 'dependency' },
    ],
  });
  const url = await app.listen(0, '127.0.0.1');
  const full = await fetch(`${url}/readyz`);
  expect(full.status).toBe(503);
  expect(await full.json()).toEqual({ status: 'not ready', checks: { 'mongo:points': true, redis: false } });
  const self = await fetch(`${url}/readyz?scope=self`);
  expect(self.status).toBe(200);
  expect(await self.json()).toEqual({ status: 'ready', checks: { 'mongo:points': true } });
  // the parameter itself, not a string that contains it
  expect((await fetch(`${url}/readyz?xscope=self`)).status).toBe(503);
  expect((await fetch(`${url}/readyz?probe=1&scope=self`)).status).toBe(200);
  await app.close();
});

it('serves /metrics on its own port when given one, and not beside /graphql', async () => {
  const { Registry } = await import('prom-client');
  const registry = new Registry();
  const probe = await import('node:net');
  const free = await new Promise<number>((resolve) => {
    const s = probe.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
  const app = createHttpApp({
    name: 'm',
    logger: silentLogger(),
    readiness: [],
    metrics: registry,
    metricsPort: free,
  });
  const url = await app.listen(0, '127.0.0.1');
  expect((await fetch(`${url}/metrics`)).status).toBe(404);
  const scraped = await fetch(`http://127.0.0.1:${free}/metrics`);
  expect(scraped.status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${free}/graphql`)).status).toBe(404);
  await app.close();
  await expect(fetch(`http://127.0.0.1:${free}/metrics`)).rejects.toThrow();
});
