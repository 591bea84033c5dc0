import { Agent, type IncomingHttpHeaders, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readInboundBody } from './inbound-body.js';

/** A receiver that answers with the size of what it read; `handled` counts bodies it got. */
async function receiver(limitBytes: number) {
  let handled = 0;
  const server = createServer(async (req, res) => {
    const body = await readInboundBody(req, res, { limitBytes, contentTypes: ['application/json'] });
    if (body === undefined) return;
    handled++;
    res.writeHead(200).end(String(body.length));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handled: () => handled,
    stop: () => new Promise((r) => server.close(r)),
  };
}

interface Sent {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** send the body in chunks without a content-length */
  chunked?: boolean;
}

/** One request through `agent`; resolves with the answer (errors after it, e.g. EPIPE on a refused body, are expected). */
function send(
  url: string,
  agent: Agent,
  s: Sent,
): Promise<{ status: number; text: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const body = s.body ?? Buffer.alloc(0);
    let answered = false;
    const req = request(
      url,
      {
        method: s.method ?? 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          ...(s.chunked ? {} : { 'content-length': String(body.length) }),
          ...s.headers,
        },
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, text, headers: res.headers }));
      },
    );
    req.on('error', (error) => (answered ? undefined : reject(error)));
    if (!s.chunked) return void req.end(body);
    for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
    req.end();
  });
}

describe('readInboundBody', () => {
  const limit = 64 * 1024;
  let r: Awaited<ReturnType<typeof receiver>>;
  let agent: Agent;
  beforeEach(async () => {
    r = await receiver(limit);
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(async () => {
    agent.destroy();
    await r.stop();
  });

  it('reads a body up to the limit, and keeps the connection alive', async () => {
    const ok = await send(r.url, agent, { body: Buffer.alloc(limit, 'a') });
    expect(ok).toMatchObject({ status: 200, text: String(limit) });
    expect(ok.headers.connection).toBe('keep-alive');
    expect(r.handled()).toBe(1);
  });

  it.each([
    ['a declared length', false],
    ['a chunked body', true],
  ])(
    'refuses %s over the limit with 413, unread, closes the connection, and the next request works',
    async (_, chunked) => {
      expect((await send(r.url, agent, { body: Buffer.from('{}') })).status).toBe(200);
      const big = await send(r.url, agent, { body: Buffer.alloc(4 * 1024 * 1024, 'a'), chunked });
      expect(big.status).toBe(413);
      expect(big.headers.connection).toBe('close');
      expect(big.text).toMatch(/larger than 65536 bytes/);
      // the same keep-alive agent: no ECONNRESET from a half-dead socket
      for (let i = 0; i < 3; i++)
        expect(await send(r.url, agent, { body: Buffer.from('{"a":1}') })).toMatchObject({
          status: 200,
          text: '7',
        });
      expect(r.handled()).toBe(4);
    },
  );

  it('refuses other methods with 405 and other content types with 415', async () => {
    const get = await send(r.url, agent, { method: 'GET' });
    expect(get).toMatchObject({ status: 405, headers: { allow: 'POST', connection: 'close' } });
    const xml = await send(r.url, agent, {
      headers: { 'content-type': 'text/xml' },
      body: Buffer.from('<x/>'),
    });
    expect(xml).toMatchObject({ status: 415, text: expect.stringMatching(/application\/json/) });
    const charset = await send(r.url, agent, {
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: Buffer.from('{}'),
    });
    expect(charset.status).toBe(200);
    expect(r.handled()).toBe(1);
  });
});
