import { Agent, request } from 'node:http';
import { signWebhook } from '@zhongtai/adapter-kit';
import { OmsMallAdapter, createOmsMallSimulator, sampleOmsFeed } from '@zhongtai/adapter-oms-mall';
import {
  WechatMpAdapter,
  createWechatMpSimulator,
  sampleWechatEvents,
  wechatSignature,
} from '@zhongtai/adapter-wechat-mp';
import type { NormalisedOrder, NormalisedRefund, WechatEvent } from '@zhongtai/contracts';
import { silentLogger } from '@zhongtai/subgraph-kit';
import { type WebhookHost, startWebhookHost } from './webhooks.js';

const oms = createOmsMallSimulator(sampleOmsFeed(20, 4));
const wechat = createWechatMpSimulator(sampleWechatEvents(10, 4));
const adapters = {
  oms: new OmsMallAdapter({
    baseUrl: 'http://127.0.0.1:1',
    appKey: oms.appKey,
    appSecret: oms.appSecret,
    webhookSecret: oms.webhookSecret,
  }),
  wechat: new WechatMpAdapter({
    baseUrl: 'http://127.0.0.1:1',
    appId: wechat.appId,
    appSecret: wechat.appSecret,
    token: wechat.token,
  }),
};

/** What reached the platform: the sink's calls, through an inbound log that handles a message id once. */
const ingested: Array<NormalisedOrder | NormalisedRefund> = [];
const followed: WechatEvent[] = [];
const handledIds = new Set<string>();
const runtime = {
  sink: {
    orderFeed: async (r: NormalisedOrder | NormalisedRefund) => (ingested.push(r), []),
    wechat: async (e: WechatEvent) => (followed.push(e), null),
  },
  inbound: {
    once: async (adapter: string, id: string, handler: () => Promise<void>) => {
      if (handledIds.has(`${adapter}|${id}`)) return 'duplicate' as const;
      await handler();
      handledIds.add(`${adapter}|${id}`);
      return 'handled' as const;
    },
  },
};

let host: WebhookHost;
let agent: Agent;
beforeAll(async () => {
  host = await startWebhookHost(runtime, { adapters }, silentLogger());
});
afterAll(() => host.stop());
beforeEach(() => {
  ingested.length = 0;
  followed.length = 0;
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
});
afterEach(() => agent.destroy());

/** One POST through the keep-alive agent; an error after the answer (EPIPE on a refused body) is expected. */
function post(
  path: string,
  headers: Record<string, string>,
  body: string,
  method = 'POST',
): Promise<{ status: number; text: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${host.url}${path}`, { method, agent, headers }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text, connection: res.headers.connection }));
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.end(body);
  });
}

const omsDelivery = (i: number, pad = 0) => {
  const d = oms.webhookDeliveries()[i];
  const body = pad ? JSON.stringify({ ...JSON.parse(d.body), padding: 'x'.repeat(pad) }) : d.body;
  return { headers: { 'content-type': 'application/json', ...signWebhook(oms.webhookSecret, body) }, body };
};

describe('webhook host: bounded bodies', () => {
  it('refuses a signed OMS delivery over 256 KiB with 413, ingests nothing, and the same keep-alive agent goes on', async () => {
    const small = omsDelivery(0);
    expect(await post('/webhooks/oms', small.headers, small.body)).toMatchObject({ status: 200, text: 'ok' });
    const big = omsDelivery(1, 300 * 1024);
    expect(await post('/webhooks/oms', big.headers, big.body)).toMatchObject({
      status: 413,
      connection: 'close',
    });
    expect(ingested).toHaveLength(1);
    const next = omsDelivery(2);
    expect(await post('/webhooks/oms', next.headers, next.body)).toMatchObject({ status: 200, text: 'ok' });
    expect(ingested).toHaveLength(2);
  });

  it('refuses an oversized WeChat push with 413 and handles no event; the next push is handled', async () => {
    const d = wechat.delivery(0);
    const big = d.body.replace('</xml>', `<Padding>${'x'.repeat(300 * 1024)}</Padding></xml>`);
    expect(await post('/webhooks/wechat', d.headers, big)).toMatchObject({ status: 413 });
    expect(followed).toHaveLength(0);
    const next = wechat.delivery(1);
    expect(await post('/webhooks/wechat', next.headers, next.body)).toMatchObject({
      status: 200,
      text: 'success',
    });
    expect(followed).toHaveLength(1);
  });

  it('refuses other methods (405), other content types (415) and other paths (404)', async () => {
    const d = omsDelivery(3);
    expect((await post('/webhooks/oms', d.headers, '', 'GET')).status).toBe(405);
    expect((await post('/webhooks/oms', { ...d.headers, 'content-type': 'text/plain' }, d.body)).status).toBe(
      415,
    );
    const w = wechat.delivery(2);
    expect(
      (await post('/webhooks/wechat', { ...w.headers, 'content-type': 'application/json' }, w.body)).status,
    ).toBe(415);
    expect((await post('/webhooks/other', d.headers, d.body)).status).toBe(404);
    expect(ingested).toHaveLength(0);
    expect(followed).toHaveLength(0);
    expect((await post('/webhooks/oms', d.headers, d.body)).status).toBe(200);
  });
});

describe('webhook host: WeChat replays', () => {
  it('refuses a plain-mode push replayed with another body (401, nothing handled) and accepts a fresh nonce', async () => {
    const d = wechat.delivery(3);
    expect(await post('/webhooks/wechat', d.headers, d.body)).toMatchObject({ status: 200 });
    expect(followed).toEqual([d.expected]);
    const forged = await post('/webhooks/wechat', d.headers, wechat.xml(4));
    expect(forged).toMatchObject({ status: 401, text: expect.stringMatching(/replayed/) });
    expect(followed).toEqual([d.expected]);
    const ts = d.headers['x-wx-timestamp'];
    const fresh = {
      ...d.headers,
      'x-wx-nonce': '31337',
      'x-wx-signature': wechatSignature(wechat.token, ts, '31337'),
    };
    expect(await post('/webhooks/wechat', fresh, wechat.xml(4))).toMatchObject({ status: 200 });
    expect(followed).toHaveLength(2);
  });
});
