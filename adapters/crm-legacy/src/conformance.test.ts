import { AdapterError, Simulator, describeConformance } from '@zhongtai/adapter-kit';
import { CrmLegacyAdapter, createCrmLegacyAdapter } from './client.js';
import { createCrmSimulator } from './simulator/crm-simulator.js';
import { sampleCrmData } from './simulator/sample-data.js';

const storeCodes = { SH001: 'store-sh-001', SH002: 'store-sh-002', BJ001: 'store-bj-001' }; // store-gz-001 passes through
const token = 'crm-test-token';

describeConformance({
  kind: 'member-source',
  make: async () => {
    const data = sampleCrmData({ count: 120, seed: 11 });
    const sim = createCrmSimulator(data, { storeCodes, token, seed: 5 });
    await sim.start(0);
    const adapter = createCrmLegacyAdapter({ baseUrl: sim.url, token, storeCodes, pageSize: 25 });
    return { adapter, sim, expected: data };
  },
});

async function readAll<T>(read: (c: string | null) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const out: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: T[]; nextCursor: string | null } = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 100);
  return { out, pages };
}

describe('crm-legacy adapter', () => {
  const data = sampleCrmData({ count: 120, seed: 23 });
  const sim = createCrmSimulator(data, { storeCodes, token, seed: 9 });
  beforeAll(async () => void (await sim.start(0)));
  afterAll(() => sim.stop());
  beforeEach(() => sim.setFaults({}));

  it('reads every member and balance completely and exactly while the CRM misbehaves', async () => {
    const adapter = createCrmLegacyAdapter({
      baseUrl: sim.url,
      token,
      storeCodes,
      pageSize: 10,
      timeoutMs: 250,
      retries: 8,
    });
    sim.setFaults({ latencyMs: 2, errorRate: 0.3, dropRate: 0.1, timeoutRate: 0.05 });
    const before = { ...sim.stats };
    const members = await readAll((c) => adapter.listMembers(c));
    const balances = await readAll((c) => adapter.listPointBalances(c));
    expect(members.pages).toBe(12);
    expect(members.out).toEqual(data.members);
    expect(balances.out).toEqual(data.balances);
    for (const b of data.balances.slice(0, 5))
      expect(await adapter.getPointBalance(b.memberExternalId)).toEqual(b);
    expect(sim.stats.errors - before.errors).toBeGreaterThan(0);
    expect(sim.stats.drops - before.drops).toBeGreaterThan(0);
    expect(sim.stats.timeouts - before.timeouts).toBeGreaterThan(0);
  }, 60_000);

  it('resumes from a cursor, whatever page size it is configured with later', async () => {
    const first = await createCrmLegacyAdapter({
      baseUrl: sim.url,
      token,
      storeCodes,
      pageSize: 30,
    }).listMembers(null);
    const later = createCrmLegacyAdapter({ baseUrl: sim.url, token, storeCodes, pageSize: 7 });
    const second = await later.listMembers(first.nextCursor);
    expect(first.nextCursor).toBe('2:30');
    expect(second.items).toEqual(data.members.slice(30, 60));
    await expect(later.listMembers('page-2')).rejects.toMatchObject({ retryable: false });
  });

  it('says unhealthy, and refuses for good, when the CRM rejects the token', async () => {
    const adapter = createCrmLegacyAdapter({ baseUrl: sim.url, token: 'wrong', storeCodes });
    const health = await adapter.healthCheck();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/token/);
    await expect(adapter.listMembers(null)).rejects.toMatchObject({ retryable: false, message: /1003/ });
  });

  it('refuses bad options when it is created', () => {
    expect(() => new CrmLegacyAdapter({ baseUrl: 'not a url' })).toThrow(/invalid options.*baseUrl/s);
    expect(() => createCrmLegacyAdapter({ baseUrl: sim.url, pageSize: 500 })).toThrow(AdapterError);
    expect(() => createCrmLegacyAdapter({ baseUrl: sim.url, pagesize: 5 } as never)).toThrow(/pagesize/);
  });

  it('fails a page clearly when the CRM answers a value it does not know', async () => {
    const odd = new Simulator('odd-crm', () => ({
      body: {
        code: 0,
        msg: null,
        data: {
          total: 1,
          rows: [{ hybh: 'CRM9', hyxm: null, sjhm: null, mdbm: null, rhsj: null, zcqd: '77' }],
        },
      },
    }));
    await odd.start(0);
    try {
      const adapter = createCrmLegacyAdapter({ baseUrl: odd.url });
      await expect(adapter.listMembers(null)).rejects.toThrow(/CRM9.*registration channel.*"77"/);
    } finally {
      await odd.stop();
    }
  });
});
