import { MemoryNonceStore, type NonceStore } from '@zhongtai/adapter-kit';
import { type WechatMpOptions, createWechatMpAdapter } from './client.js';
import { wechatSignature } from './crypto.js';
import { sampleEncodingAesKey, sampleWechatEvents } from './simulator/sample-events.js';
import { type WechatMpSimulator, createWechatMpSimulator } from './simulator/wechat-simulator.js';

const events = sampleWechatEvents(10, 21);
const plain = createWechatMpSimulator(events, { seed: 5 });
const secure = createWechatMpSimulator(events, { seed: 6, encodingAesKey: sampleEncodingAesKey(9) });
const adapterFor = (sim: WechatMpSimulator, over: Partial<WechatMpOptions> = {}) =>
  createWechatMpAdapter({
    baseUrl: 'http://127.0.0.1:1',
    appId: sim.appId,
    appSecret: sim.appSecret,
    token: sim.token,
    encodingAesKey: sim.encodingAesKey,
    ...over,
  });

/** Plain-mode headers for a chosen timestamp and nonce, signed like WeChat signs them. */
const signed = (sim: WechatMpSimulator, timestamp: number, nonce: string) => ({
  'content-type': 'text/xml',
  'x-wx-timestamp': String(timestamp),
  'x-wx-nonce': nonce,
  'x-wx-signature': wechatSignature(sim.token, String(timestamp), nonce),
});

describe('wechat-mp replay guard (plain mode: the signature covers no body)', () => {
  it('refuses a captured timestamp+nonce carrying another body, and accepts a fresh nonce', async () => {
    const adapter = adapterFor(plain);
    const d = plain.delivery(5);
    expect(await adapter.receiveWebhook(d.headers, d.body)).toEqual(d.expected);
    // the same signature still passes parseWebhook (WeChat signs no body): only the nonce gives it away
    expect(adapter.parseWebhook(d.headers, plain.xml(6))).toEqual(events[6]);
    await expect(adapter.receiveWebhook(d.headers, plain.xml(6))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/replayed/),
    });
    await expect(adapter.receiveWebhook(d.headers, d.body)).rejects.toThrow(/replayed/);
    const fresh = { ...d.headers, ...signed(plain, Number(d.headers['x-wx-timestamp']), '424242') };
    expect(await adapter.receiveWebhook(fresh, plain.xml(6))).toEqual(events[6]);
  });

  it('lets exactly one of two pushes racing with the same timestamp+nonce through', async () => {
    const adapter = adapterFor(plain);
    const d = plain.delivery(1);
    const results = await Promise.allSettled([
      adapter.receiveWebhook(d.headers, d.body),
      adapter.receiveWebhook(d.headers, plain.xml(2)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('remembers a pair until its timestamp leaves the window, then forgets it (injected clock)', async () => {
    const t0 = 1_700_000_000;
    let now = t0 * 1000;
    const memory = new MemoryNonceStore({ now: () => now });
    const asked: Array<{ key: string; ttl: number }> = [];
    const nonces: NonceStore = {
      seen: (key, ttl) => (asked.push({ key, ttl }), memory.seen(key, ttl)),
    };
    const adapter = adapterFor(plain, { nonces, now: () => now, toleranceSec: 300 });
    // a sender clock 200 s ahead: acceptable until t0 + 500, so it is remembered that long
    const h = signed(plain, t0 + 200, '777');
    expect(await adapter.receiveWebhook(h, plain.xml(3))).toEqual(events[3]);
    expect(asked[0].ttl).toBe(501);
    now = (t0 + 500) * 1000;
    await expect(adapter.receiveWebhook(h, plain.xml(4))).rejects.toThrow(/replayed/);
    now = (t0 + 500) * 1000 + 999;
    await expect(adapter.receiveWebhook(h, plain.xml(4))).rejects.toThrow(/outside the allowed window/);
    expect(await memory.seen(asked[0].key, 1)).toBe(true);
    now = (t0 + 501) * 1000;
    expect(await memory.seen(asked[0].key, 1)).toBe(false);
  });

  it('does not take cache space for pushes it refuses before the nonce check', async () => {
    const asked: string[] = [];
    const adapter = adapterFor(plain, { nonces: { seen: async (key) => (asked.push(key), false) } });
    const d = plain.delivery(2);
    await expect(
      adapter.receiveWebhook({ ...d.headers, 'x-wx-signature': '0'.repeat(40) }, d.body),
    ).rejects.toThrow(/signature/);
    await expect(adapter.receiveWebhook(d.headers, '<xml><MsgType>text</MsgType></xml>')).rejects.toThrow(
      /not an event/,
    );
    expect(asked).toEqual([]);
  });

  it('reports a nonce store that cannot answer as such, not as a bad signature', async () => {
    const adapter = adapterFor(plain, {
      nonces: { seen: () => Promise.reject(new Error('redis down')) },
    });
    const d = plain.delivery(0);
    await expect(adapter.receiveWebhook(d.headers, d.body)).rejects.toThrow('redis down');
  });
});

describe('wechat-mp replay guard (secure mode: defence in depth)', () => {
  it('refuses the same signed push twice, accepts the next one', async () => {
    const adapter = adapterFor(secure);
    const d = secure.delivery(4);
    expect(await adapter.receiveWebhook(d.headers, d.body)).toEqual(d.expected);
    await expect(adapter.receiveWebhook(d.headers, d.body)).rejects.toThrow(/replayed/);
    const next = secure.delivery(4);
    expect(await adapter.receiveWebhook(next.headers, next.body)).toEqual(d.expected);
  });
});
