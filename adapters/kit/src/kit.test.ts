import mongoose, { type Connection } from 'mongoose';
import { type EmbeddedMongo, startEmbeddedMongo } from '@zhongtai/subgraph-kit';
import { AdapterError } from './errors.js';
import { LegacyWriteQueue } from './legacy-write-queue.js';
import { createLegacyHttp } from './http-client.js';
import { pullAll } from './pull-sync.js';
import { Simulator } from './simulator/simulator.js';
import { Checkpoints, InboundLog, adapterModels } from './store/adapter-store.js';
import { signWebhook, verifyWebhook } from './webhook.js';

let mongo: EmbeddedMongo;
let db: Connection;
let models: ReturnType<typeof adapterModels>;
beforeAll(async () => {
  mongo = await startEmbeddedMongo();
  db = await mongoose
    .createConnection(mongo.uri, { dbName: 'adapters', serverSelectionTimeoutMS: 3000 })
    .asPromise();
  models = adapterModels(db);
});
afterAll(async () => {
  await db.close();
  await mongo.stop();
});

describe('resilient legacy HTTP client', () => {
  const received: string[] = [];
  const sim = new Simulator('echo', (req) => {
    received.push(req.body);
    if (req.path === '/bad') return { status: 400, body: { error: 'bad' } };
    return { body: { ok: true, n: received.length } };
  });
  beforeAll(async () => void (await sim.start()));
  afterAll(() => sim.stop());

  it('retries 5xx, dropped connections and timeouts, and succeeds', async () => {
    const http = createLegacyHttp({ name: 'echo', baseUrl: sim.url, timeoutMs: 200, retries: 8 });
    sim.setFaults({ errorRate: 0.4, dropRate: 0.2, timeoutRate: 0.1 });
    for (let i = 0; i < 10; i++)
      expect((await http.request<{ ok: boolean }>('GET', '/x')).body.ok).toBe(true);
    sim.setFaults({});
  });

  it('does not retry a request the system refuses', async () => {
    const http = createLegacyHttp({ name: 'echo', baseUrl: sim.url, retries: 5 });
    const before = sim.stats.requests;
    await expect(http.request('GET', '/bad')).rejects.toMatchObject({ retryable: false, status: 400 });
    expect(sim.stats.requests - before).toBe(1);
  });

  it('opens the circuit after repeated failures and fails fast, then closes when the system is back', async () => {
    const http = createLegacyHttp({
      name: 'echo',
      baseUrl: sim.url,
      retries: 0,
      breaker: { threshold: 3, halfOpenAfterMs: 200 },
    });
    sim.setFaults({ errorRate: 1 });
    for (let i = 0; i < 3; i++) await expect(http.request('GET', '/x')).rejects.toBeInstanceOf(AdapterError);
    expect(http.state()).toBe('open');
    const before = sim.stats.requests;
    await expect(http.request('GET', '/x')).rejects.toMatchObject({ retryable: true });
    expect(sim.stats.requests).toBe(before); // failed fast, the system was not called
    sim.setFaults({});
    await new Promise((r) => setTimeout(r, 250));
    expect((await http.request<{ ok: boolean }>('GET', '/x')).body.ok).toBe(true);
    expect(http.state()).toBe('closed');
  });
});

describe('flight outbox', () => {
  it('keeps writes while the system is down and sends them once, in order, when it is back', async () => {
    const outbox = new LegacyWriteQueue(models);
    const sent: string[] = [];
    let down = true;
    const send = async (p: unknown) => {
      if (down) throw new AdapterError('legacy', 'down', true);
      sent.push((p as { n: string }).n);
    };
    for (const n of ['a', 'b', 'c']) await outbox.enqueue('legacy', n, { n });
    await outbox.enqueue('legacy', 'a', { n: 'a' }); // a replayed write is queued once
    expect(await outbox.flush('legacy', send)).toBe(0);
    expect((await outbox.queued('legacy')).map((w) => w.key)).toEqual(['a', 'b', 'c']);
    down = false;
    expect(await outbox.flush('legacy', send)).toBe(3);
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(await outbox.flush('legacy', send)).toBe(0);
  });

  it('sets aside a write the system refuses for good and goes on', async () => {
    const outbox = new LegacyWriteQueue(models);
    await outbox.enqueue('strict', 'x', { ok: false });
    await outbox.enqueue('strict', 'y', { ok: true });
    const sent: unknown[] = [];
    await outbox.flush('strict', async (p) => {
      if (!(p as { ok: boolean }).ok) throw new AdapterError('strict', 'refused', false, 400);
      sent.push(p);
    });
    expect(sent).toEqual([{ ok: true }]);
    expect((await outbox.rejected('strict')).map((w) => w.key)).toEqual(['x']);
  });
});

describe('inbound idempotency, pull sync, webhooks', () => {
  it('handles a delivery once per message id, and again after a failure', async () => {
    const log = new InboundLog(models);
    let n = 0;
    await expect(log.once('oms', 'm1', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await log.once('oms', 'm1', async () => void n++)).toBe('handled');
    expect(await log.once('oms', 'm1', async () => void n++)).toBe('duplicate');
    expect(n).toBe(1);
  });

  it('pulls from the saved cursor and saves it only after the sink took the page', async () => {
    const data = Array.from({ length: 25 }, (_, i) => i);
    const read = async (c: string | null) => {
      const from = c ? Number(c) : 0;
      const items = data.slice(from, from + 10);
      return { items, nextCursor: String(from + items.length) };
    };
    const checkpoints = new Checkpoints(models);
    const got: number[] = [];
    let failOnce = true;
    const sink = async (items: number[]) => {
      if (items[0] === 10 && failOnce) {
        failOnce = false;
        throw new Error('sink down');
      }
      got.push(...items);
    };
    await expect(pullAll({ name: 'feed', checkpoints, read, sink })).rejects.toThrow('sink down');
    expect(await pullAll({ name: 'feed', checkpoints, read, sink })).toBe(15);
    expect(got).toEqual(data);
    data.push(25, 26);
    expect(await pullAll({ name: 'feed', checkpoints, read, sink })).toBe(2);
  });

  it('verifies webhook signatures and freshness', () => {
    const body = '{"tid":1}';
    const headers = signWebhook('s3cret', body);
    expect(() => verifyWebhook('s3cret', headers, body)).not.toThrow();
    expect(() => verifyWebhook('other', headers, body)).toThrow(/signature/);
    expect(() => verifyWebhook('s3cret', headers, '{"tid":2}')).toThrow(/signature/);
    expect(() => verifyWebhook('s3cret', {}, body)).toThrow(/not signed/);
    const old = signWebhook('s3cret', body, Math.floor(Date.now() / 1000) - 3600);
    expect(() => verifyWebhook('s3cret', old, body)).toThrow(/window/);
  });
});
