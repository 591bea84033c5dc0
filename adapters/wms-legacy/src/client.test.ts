import type { StockLevel } from '@zhongtai/contracts';
import { AdapterError, Simulator } from '@zhongtai/adapter-kit';
import { type WmsLegacyAdapter, createWmsLegacyAdapter } from './client.js';
import { DEMO_WMS_LOCATIONS, demoStockLevels } from './simulator/demo-data.js';
import { type WmsLegacySimulator, createWmsLegacySimulator } from './simulator/wms-simulator.js';

const locations = { ...DEMO_WMS_LOCATIONS };
const NOW = new Date('2024-06-01T04:00:00.000Z');
const stock = demoStockLevels(60);
let sim: WmsLegacySimulator;
let adapter: WmsLegacyAdapter;

beforeAll(async () => {
  sim = createWmsLegacySimulator(stock, { locations, now: () => NOW, seed: 3 });
  await sim.start(0);
  adapter = createWmsLegacyAdapter({
    baseUrl: sim.url,
    locations,
    timeoutMs: 300,
    retries: 6,
    now: () => NOW,
  });
  await adapter.init();
});
afterAll(async () => {
  await adapter.destroy();
  await sim.stop();
});
beforeEach(() => {
  sim.setFaults({});
  sim.batches.length = 0;
});

const zero = (sku: string, locationId: string): StockLevel => ({
  sku,
  locationId,
  onHand: 0,
  available: 0,
  asOf: NOW.toISOString(),
});

describe('options', () => {
  it.each([
    [{ locations }, /baseUrl/],
    [{ baseUrl: 'ftp://wms', locations }, /baseUrl/],
    [{ baseUrl: 'http://wms' }, /locations/],
    [{ baseUrl: 'http://wms', locations: {} }, /at least one location/],
    [{ baseUrl: 'http://wms', locations: { a: 'SH001', b: 'SH001' } }, /share a WMS code/],
    [{ baseUrl: 'http://wms', locations: { a: 'sh-001' } }, /A–Z, 0–9/],
    [{ baseUrl: 'http://wms', locations, batchSize: 51 }, /batchSize/],
    [{ baseUrl: 'http://wms', locations, timeoutMs: -1 }, /timeoutMs/],
  ])('refuses %j when the adapter is created', (options, message) => {
    expect(() => createWmsLegacyAdapter(options as never)).toThrow(message);
  });

  it('accepts the minimal options', () => {
    const a = createWmsLegacyAdapter({ baseUrl: 'http://127.0.0.1:1', locations });
    expect([a.identifier, a.kind]).toEqual(['wms-legacy', 'wms']);
  });
});

describe('getStock', () => {
  it('splits a large batch into calls of at most 50 and answers in the order asked', async () => {
    const ask = [...stock].reverse();
    const mixed = [
      ...ask.slice(0, 40),
      { sku: 'SKU-9999', locationId: 'store-sh-001' }, // unknown to the WMS
      { sku: 'SKU-0001', locationId: 'store-xx-404' }, // no WMS code: not asked at all
      ask[3], // asked twice
      ...ask.slice(40),
    ];
    const got = await adapter.getStock(mixed.map(({ sku, locationId }) => ({ sku, locationId })));
    expect(got).toEqual([
      ...ask.slice(0, 40),
      zero('SKU-9999', 'store-sh-001'),
      zero('SKU-0001', 'store-xx-404'),
      ask[3],
      ...ask.slice(40),
    ]);
    expect(sim.batches).toEqual([50, 11]); // 60 known pairs + 1 unknown SKU, each once
  });

  it('honours a smaller batch size', async () => {
    const small = createWmsLegacyAdapter({ baseUrl: sim.url, locations, batchSize: 7 });
    const got = await small.getStock(stock.slice(0, 20));
    expect(got).toEqual(stock.slice(0, 20));
    expect(sim.batches).toEqual([7, 7, 6]);
  });

  it('reads the whole table completely and correctly while the WMS fails, drops and stalls', async () => {
    sim.setFaults({ latencyMs: 5, errorRate: 0.3, dropRate: 0.1, timeoutRate: 0.05 });
    for (let round = 0; round < 3; round++)
      expect(await adapter.getStock(stock.map(({ sku, locationId }) => ({ sku, locationId })))).toEqual(
        stock,
      );
    expect(sim.stats.errors + sim.stats.drops + sim.stats.timeouts).toBeGreaterThan(0);
  }, 60_000);

  it('answers an empty batch without calling the WMS', async () => {
    expect(await adapter.getStock([])).toEqual([]);
    expect(sim.batches).toEqual([]);
  });

  it('refuses malformed items without calling the WMS', async () => {
    await expect(adapter.getStock([{ sku: ' ', locationId: 'store-sh-001' }])).rejects.toMatchObject({
      retryable: false,
    });
    expect(sim.batches).toEqual([]);
  });
});

describe('a WMS that refuses or answers nonsense', () => {
  const answers: unknown[] = [];
  const odd = new Simulator('odd-wms', () => ({ body: answers.shift() }));
  beforeAll(async () => void (await odd.start(0)));
  afterAll(() => odd.stop());

  it('turns a refusal, an unknown location code and a malformed reply into non-retryable errors', async () => {
    const a = createWmsLegacyAdapter({ baseUrl: odd.url, locations, retries: 0 });
    const ask = [{ sku: 'SKU-0001', locationId: 'store-sh-001' }];
    answers.push(
      { flag: 'failure', code: 'E102', message: '商品编码或仓库编码缺失' },
      {
        flag: 'success',
        code: '0',
        kcmx: [{ spbm: 'SKU-0001', ckbm: 'ZZ9', kcsl: '1', sdsl: '0', gxsj: '20240501000000' }],
      },
      { rows: [] },
    );
    for (const message of [
      /refused the query \(E102/,
      /unknown location code "ZZ9"/,
      /malformed stock reply/,
    ]) {
      const err = await a.getStock(ask).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AdapterError);
      expect(err).toMatchObject({ retryable: false, message });
    }
  });

  it('reports unhealthy (without throwing) when the ping is not a success', async () => {
    const a = createWmsLegacyAdapter({ baseUrl: odd.url, locations });
    answers.push({ flag: 'failure', code: 'E500', message: 'db down' });
    expect(await a.healthCheck()).toMatchObject({ ok: false, detail: expect.stringMatching(/db down/) });
  });
});

describe('lifecycle', () => {
  it('is healthy with a latency, and refuses calls once destroyed', async () => {
    const a = createWmsLegacyAdapter({ baseUrl: sim.url, locations });
    await a.init();
    expect(await a.healthCheck()).toMatchObject({ ok: true, latencyMs: expect.any(Number) });
    await a.destroy();
    await expect(a.getStock(stock.slice(0, 1))).rejects.toMatchObject({ retryable: false });
  });
});
