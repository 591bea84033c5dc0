import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WechatEvent } from '@zhongtai/contracts';
import { type WechatMpOptions, createWechatMpAdapter } from './client.js';
import { wechatSignature } from './crypto.js';
import { sampleEncodingAesKey, sampleWechatEvents } from './simulator/sample-events.js';
import { type WechatMpSimulator, createWechatMpSimulator } from './simulator/wechat-simulator.js';

const events = sampleWechatEvents(60, 11);
const aesKey = sampleEncodingAesKey(8);
const plain = createWechatMpSimulator(events, { seed: 2 });
const secure = createWechatMpSimulator(events, { seed: 3, encodingAesKey: aesKey });
const adapterFor = (sim: WechatMpSimulator, over: Partial<WechatMpOptions> = {}) =>
  createWechatMpAdapter({
    baseUrl: sim.url,
    appId: sim.appId,
    appSecret: sim.appSecret,
    token: sim.token,
    encodingAesKey: sim.encodingAesKey,
    ...over,
  });

beforeAll(async () => {
  await plain.start();
  await secure.start();
});
afterAll(async () => {
  await plain.stop();
  await secure.stop();
});

/** A server URL like the host's: parses each push with the adapter, answers `success`. */
async function receive(sim: WechatMpSimulator, opts: { duplicateRate: number; shuffle: boolean }) {
  const adapter = adapterFor(sim);
  const got: WechatEvent[] = [];
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        got.push(
          adapter.parseWebhook(req.headers as Record<string, string>, Buffer.concat(chunks).toString('utf8')),
        );
        res.writeHead(200, { 'content-type': 'text/plain' }).end('success');
      } catch {
        refused++;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat/callback`;
    const posts = await sim.pushEvents(url, { ...opts, seed: 4 });
    return { got, refused, posts };
  } finally {
    await new Promise((r) => server.close(r));
  }
}

describe.each([
  ['plain', plain],
  ['secure', secure],
])('wechat-mp pushes (%s mode)', (_, sim) => {
  it('maps duplicate (retried) and shuffled pushes to the same events: duplicates share a messageId', async () => {
    const { got, refused, posts } = await receive(sim, { duplicateRate: 0.4, shuffle: true });
    expect(refused).toBe(0);
    expect(got).toHaveLength(posts);
    expect(got.length).toBeGreaterThan(events.length);
    expect(got.map((e) => e.messageId)).not.toEqual(events.map((e) => e.messageId));
    const byId = new Map<string, WechatEvent>();
    for (const e of got) {
      if (byId.has(e.messageId)) expect(e).toEqual(byId.get(e.messageId));
      byId.set(e.messageId, e);
    }
    const sort = (xs: WechatEvent[]) => [...xs].sort((a, b) => a.messageId.localeCompare(b.messageId));
    expect(sort([...byId.values()])).toEqual(sort(events));
  }, 30_000);

  it('refuses a wrong token, a stale timestamp and a missing signature', () => {
    const d = sim.delivery(3);
    expect(adapterFor(sim).parseWebhook(d.headers, d.body)).toEqual(d.expected);
    expect(() => adapterFor(sim, { token: 'otherToken' }).parseWebhook(d.headers, d.body)).toThrow(
      /signature/,
    );
    const ts = String(Number(d.headers['x-wx-timestamp']) - 3600);
    const stale = {
      ...d.headers,
      'x-wx-timestamp': ts,
      'x-wx-signature': wechatSignature(sim.token, ts, d.headers['x-wx-nonce']),
    };
    expect(() => adapterFor(sim).parseWebhook(stale, d.body)).toThrow(/window|signature/);
    const { 'x-wx-signature': _, ...unsigned } = d.headers;
    expect(() => adapterFor(sim).parseWebhook(unsigned, d.body)).toThrow(/not signed/);
  });

  it('is healthy with the right credentials, unhealthy with the wrong ones', async () => {
    expect(await adapterFor(sim).healthCheck()).toMatchObject({ ok: true });
    expect(await adapterFor(sim, { appSecret: 'wrong' }).healthCheck()).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/40125/),
    });
  });
});

describe('wechat-mp secure mode', () => {
  it('detects a changed Encrypt, another AppID, a downgrade to plain and a missing key', () => {
    const d = secure.delivery(5);
    const changed = d.body.replace(
      /<Encrypt><!\[CDATA\[(.)/,
      (m, c: string) => m.slice(0, -1) + (c === 'A' ? 'B' : 'A'),
    );
    expect(() => adapterFor(secure).parseWebhook(d.headers, changed)).toThrow(/msg_signature does not match/);
    expect(() => adapterFor(secure, { appId: 'wx0000000000000000' }).parseWebhook(d.headers, d.body)).toThrow(
      /another AppID/,
    );
    const p = plain.delivery(5);
    expect(() => adapterFor(secure).parseWebhook(p.headers, p.body)).toThrow(/secure mode/);
    expect(() => adapterFor(plain).parseWebhook(d.headers, d.body)).toThrow(/no encodingAesKey/);
  });

  it('plain mode signs no body: WeChat does not, so only secure mode detects a changed event', () => {
    const p = plain.delivery(5);
    const changed = p.body.replace(
      /<CreateTime>(\d)/,
      (_, d: string) => `<CreateTime>${(Number(d) + 1) % 10}`,
    );
    expect(adapterFor(plain).parseWebhook(p.headers, changed).occurredAt).not.toBe(p.expected.occurredAt);
  });
});

describe('wechat-mp health under faults', () => {
  it('stays healthy through 5xx, dropped connections and timeouts (retries), and reports a dead API', async () => {
    const adapter = adapterFor(plain, { retries: 6, timeoutMs: 300 });
    plain.setFaults({ latencyMs: 10, errorRate: 0.3, dropRate: 0.1, timeoutRate: 0.1 });
    try {
      for (let i = 0; i < 5; i++) expect(await adapter.healthCheck()).toMatchObject({ ok: true });
      plain.setFaults({ errorRate: 1 });
      expect(await adapter.healthCheck()).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/503|circuit/),
      });
    } finally {
      plain.setFaults({});
    }
  }, 30_000);
});

describe('wechat-mp endpoint and options', () => {
  it('answers the server-URL check with echostr when signed', () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const q = {
      timestamp: ts,
      nonce: '123',
      echostr: 'hello',
      signature: wechatSignature(plain.token, ts, '123'),
    };
    expect(adapterFor(plain).verifyEndpoint(q)).toBe('hello');
    expect(() => adapterFor(plain).verifyEndpoint({ ...q, signature: 'x' })).toThrow(/signature/);
  });

  it('validates its options when created', () => {
    expect(() => adapterFor(plain, { appId: 'not-an-app' })).toThrow(/appId/);
    expect(() => adapterFor(plain, { token: 'a b' })).toThrow(/token/);
    expect(() => adapterFor(plain, { encodingAesKey: 'short' })).toThrow(/encodingAesKey/);
  });
});
