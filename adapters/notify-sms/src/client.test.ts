import type { OutboundNotification } from '@zhongtai/contracts';
import { AdapterError } from '@zhongtai/adapter-kit';
import { type NotifySmsAdapter, createNotifySmsAdapter } from './client.js';
import {
  DEMO_GATEWAY_ACCOUNT,
  DEMO_GATEWAY_TEMPLATES,
  type SmsGatewaySimulator,
  createNotifySmsSimulator,
} from './simulator/gateway-simulator.js';

const account = { ...DEMO_GATEWAY_ACCOUNT };
let sim: SmsGatewaySimulator;
let adapter: NotifySmsAdapter;
beforeAll(async () => {
  sim = createNotifySmsSimulator([...DEMO_GATEWAY_TEMPLATES], { ...account, seed: 5 });
  await sim.start(0);
  adapter = createNotifySmsAdapter({ baseUrl: sim.url, ...account, timeoutMs: 300, retries: 6 });
  await adapter.init();
});
afterAll(async () => {
  await adapter.destroy();
  await sim.stop();
});
beforeEach(() => sim.setFaults({}));

let n = 0;
const message = (over: Partial<OutboundNotification> = {}): OutboundNotification => ({
  key: `k-${++n}`,
  tenant: 'brand-a',
  channel: 'SMS',
  to: '13800138000',
  template: 'welcome',
  params: { name: '韩梅梅' },
  ...over,
});
const deliveredWith = (key: string) => sim.delivered().filter((d) => d.key === key);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('options', () => {
  it.each([
    [{ ...account }, /baseUrl/],
    [{ baseUrl: 'http://gw', appSecret: account.appSecret }, /appId/],
    [{ baseUrl: 'http://gw', appId: 'zt demo', appSecret: account.appSecret }, /appId/],
    [{ baseUrl: 'http://gw', appId: 'zt', appSecret: 'short' }, /appSecret/],
    [{ baseUrl: 'http://gw', ...account, retries: 11 }, /retries/],
  ])('refuses %j when the adapter is created', (options, message) => {
    expect(() => createNotifySmsAdapter(options as never)).toThrow(message);
  });
});

describe('send', () => {
  it('delivers a message as sent, with a normalised receiver', async () => {
    const m = message({ to: '+86 138 0013 8000', params: { name: '韩梅梅', points: '1200' } });
    const { providerMessageId } = await adapter.send(m);
    expect(providerMessageId).toMatch(/^GW\d{14}\d{6}$/);
    expect(deliveredWith(m.key)).toEqual([{ ...m, to: '13800138000' }]);
    expect(sim.records().find((r) => r.outId === m.key)).toMatchObject({
      msgId: providerMessageId,
      msgType: 1,
    });
  });

  it('delivers a key once per brand: repeats answer the same id, another brand is another message', async () => {
    const m = message();
    const ids = await Promise.all([
      adapter.send(m),
      adapter.send(m),
      adapter.send({ ...m, params: { name: 'x' } }),
    ]);
    expect(new Set(ids.map((i) => i.providerMessageId)).size).toBe(1);
    const other = await adapter.send({ ...m, tenant: 'brand-b' });
    expect(other.providerMessageId).not.toBe(ids[0].providerMessageId);
    expect(deliveredWith(m.key).map((d) => d.tenant)).toEqual(['brand-a', 'brand-b']);
  });

  it('keeps keys the gateway cannot take as clientMsgId, through a digest', async () => {
    const m = message({ key: `投诉/${n} 道歉短信` });
    const a = await adapter.send(m);
    expect((await adapter.send(m)).providerMessageId).toBe(a.providerMessageId);
    expect(deliveredWith(m.key)).toHaveLength(1);
    expect(sim.records().find((r) => r.outId === m.key)?.clientMsgId).toMatch(/^h[0-9a-f]{63}$/);
  });

  it('delivers once when the reply is lost after the gateway took the message (retry answers the same id)', async () => {
    const m = message();
    const before = sim.stats.requests;
    sim.stallReplies(1, 1500);
    const { providerMessageId } = await adapter.send(m);
    expect(sim.stats.requests - before).toBeGreaterThanOrEqual(2);
    expect(deliveredWith(m.key)).toHaveLength(1);
    expect(sim.records().find((r) => r.outId === m.key)?.msgId).toBe(providerMessageId);
  });

  it('delivers every message exactly once while the gateway fails, drops and stalls', async () => {
    sim.setFaults({ latencyMs: 5, errorRate: 0.3, dropRate: 0.1, timeoutRate: 0.05 });
    const batch = Array.from({ length: 20 }, (_, i) =>
      message({
        channel: i % 3 === 0 ? 'EMAIL' : 'SMS',
        to: i % 3 === 0 ? `m${i}@example.com` : '13900139000',
      }),
    );
    const first = [];
    for (const m of batch) first.push((await adapter.send(m)).providerMessageId);
    const again = [];
    for (const m of batch) again.push((await adapter.send(m)).providerMessageId);
    expect(again).toEqual(first);
    sim.setFaults({});
    const keys = new Set(batch.map((m) => m.key));
    expect(sim.delivered().filter((d) => keys.has(d.key))).toEqual(batch);
    expect(sim.stats.errors + sim.stats.drops + sim.stats.timeouts).toBeGreaterThan(0);
  }, 60_000);
});

describe('refusals are not retried', () => {
  it('an unknown template is refused with 4xx, once', async () => {
    const before = sim.stats.requests;
    const err = await failure(adapter.send(message({ template: 'no-such-template' })));
    expect(err).toBeInstanceOf(AdapterError);
    expect(err).toMatchObject({ retryable: false, status: 400, message: expect.stringMatching(/2001/) });
    expect(sim.stats.requests - before).toBe(1);
  });

  it('a channel the gateway does not deliver is refused', async () => {
    const smsOnly = createNotifySmsSimulator(undefined, { ...account, channels: ['SMS'] });
    await smsOnly.start(0);
    try {
      const a = createNotifySmsAdapter({ baseUrl: smsOnly.url, ...account });
      expect(await a.send(message({ template: 'anything-goes' }))).toHaveProperty('providerMessageId');
      const err = await failure(
        a.send(message({ channel: 'WECHAT_TEMPLATE', to: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' })),
      );
      expect(err).toMatchObject({ retryable: false, status: 400, message: expect.stringMatching(/2002/) });
      expect(smsOnly.stats.requests).toBe(2);
    } finally {
      await smsOnly.stop();
    }
  });

  it('a message that cannot be sent is refused before calling the gateway', async () => {
    const before = sim.stats.requests;
    for (const bad of [
      message({ to: '110' }),
      message({ key: '' }),
      message({ channel: 'EMAIL', to: 'nobody' }),
    ])
      await expect(adapter.send(bad)).rejects.toMatchObject({ retryable: false });
    expect(sim.stats.requests).toBe(before);
  });

  it('a wrong secret or a skewed clock is refused (401) and reported unhealthy', async () => {
    const wrong = createNotifySmsAdapter({
      baseUrl: sim.url,
      appId: account.appId,
      appSecret: 'not-the-secret',
    });
    expect(await failure(wrong.send(message()))).toMatchObject({ retryable: false, status: 401 });
    expect(await wrong.healthCheck()).toMatchObject({ ok: false, detail: expect.stringMatching(/1003/) });
    const skewed = createNotifySmsAdapter({
      baseUrl: sim.url,
      ...account,
      now: () => new Date(Date.now() - 600_000),
    });
    expect(await failure(skewed.send(message()))).toMatchObject({ retryable: false, status: 401 });
  });
});

describe('lifecycle', () => {
  it('is healthy with the account balance, and refuses sends once destroyed', async () => {
    const a = createNotifySmsAdapter({ baseUrl: sim.url, ...account });
    await a.init();
    expect(await a.healthCheck()).toMatchObject({ ok: true, detail: expect.stringMatching(/^balance \d+$/) });
    await a.destroy();
    await expect(a.send(message())).rejects.toMatchObject({ retryable: false });
  });
});
