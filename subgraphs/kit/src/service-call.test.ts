import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpServiceCall } from './service-call.js';

/** A gateway stand-in on loopback that answers after `delayMs` (a callee holding a batch at its import gate). */
let delayMs = 0;
let answer: unknown = { data: { ok: true } };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () =>
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    }, delayMs),
  );
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  delayMs = 0;
  answer = { data: { ok: true } };
});

const call = () =>
  httpServiceCall({
    url: () => url,
    secret: 'a-test-internal-secret-of-enough-length',
    service: 'orders',
    timeoutMs: 100,
  });

it('gives up after its timeout (UPSTREAM_UNAVAILABLE), unless the call asks to wait longer', async () => {
  delayMs = 400;
  await expect(call()('demo', '{ ok }')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  await expect(call()('demo', '{ ok }', undefined, { timeoutMs: 2_000 })).resolves.toEqual({ ok: true });
});

it("keeps the callee's RATE_LIMITED and its retry hint", async () => {
  answer = { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterMs: 1000 } }] };
  // a generous timeout: only the answer's code is under test (100 ms was too short on a loaded CI machine)
  await expect(call()('demo', '{ ok }', undefined, { timeoutMs: 5_000 })).rejects.toMatchObject({
    code: 'RATE_LIMITED',
    details: { retryAfterMs: 1000 },
  });
});
