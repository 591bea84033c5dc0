import { Agent, request } from 'node:http';
import { silentLogger } from '../logging.js';
import { type HttpApp, createHttpApp, readBody, sendJson } from './http-app.js';

/** A keep-alive client must see the 413 and send its next request on a fresh connection. */
describe('readBody: a refused body closes its connection cleanly', () => {
  let app: HttpApp;
  let url: string;
  beforeAll(async () => {
    app = createHttpApp({
      name: 'test',
      logger: silentLogger(),
      readiness: [],
      graphql: async (req, res) => {
        const raw = await readBody(req, 256_000);
        if (raw === null) return sendJson(res, 413, { error: 'too large' });
        sendJson(res, 200, { bytes: raw.length });
      },
    });
    url = `${await app.listen(0, '127.0.0.1')}/graphql`;
  });
  afterAll(() => app.close(500));

  const big = 'x'.repeat(3_000_000);

  function post(agent: Agent, body: string, chunked = false) {
    return new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            ...(chunked ? {} : { 'content-length': Buffer.byteLength(body) }),
          },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (data += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, connection: res.headers.connection, body: data }),
          );
        },
      );
      req.on('error', reject);
      if (chunked) {
        for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
        req.end();
      } else req.end(body);
    });
  }

  it.each([
    ['a declared content-length over the limit', false],
    ['a chunked body that grows over the limit', true],
  ])('node http.Agent keep-alive: %s', async (_, chunked) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await post(agent, '{"a":1}')).status).toBe(200);
      for (let i = 0; i < 3; i++) {
        const refused = await post(agent, big, chunked);
        expect(refused).toMatchObject({ status: 413, connection: 'close' });
        expect(await post(agent, '{"a":1}')).toMatchObject({ status: 200, body: '{"bytes":7}' });
      }
    } finally {
      agent.destroy();
    }
  });

  it('fetch (undici) keep-alive: the request after a 413 succeeds', async () => {
    for (let i = 0; i < 3; i++) {
      const refused = await fetch(url, {
        method: 'POST',
        body: big,
        headers: { 'content-type': 'application/json' },
      });
      expect(refused.status).toBe(413);
      expect(refused.headers.get('connection')).toBe('close');
      await refused.text();
      const ok = await fetch(url, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ bytes: 2 });
    }
  });

  it('reads a body up to the limit whole', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      const body = JSON.stringify({ s: 'y'.repeat(255_000) });
      expect(await post(agent, body, true)).toMatchObject({ status: 200, body: `{"bytes":${body.length}}` });
    } finally {
      agent.destroy();
    }
  });
});
