import { describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '@zhongtai/contracts';
import { type SyncCounts, startLegacyJobs, syncLegacy } from './sync.js';

const runtime = {
  sink: {} as never,
  checkpoints: { get: async () => null, set: async () => undefined } as never,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the pull sync', () => {
  it('pulls nothing from systems that are not configured', async () => {
    expect(await syncLegacy(runtime, { adapters: {} })).toEqual({
      members: 0,
      balances: 0,
      posRecords: 0,
      omsRecords: 0,
      couponsRefused: 0,
      balancesDrifted: 0,
    });
  });

  it('counts a CRM balance that differs from the imported one as drift and goes on; other refusals fail the pass', async () => {
    const balance = (id: string, n: number) => ({
      source: 'crm',
      memberExternalId: id,
      channel: 'STORE' as const,
      balance: n,
      asOf: '2026-06-01T00:00:00.000Z',
    });
    const imported = new Map<string, number>([['m2', 10]]);
    let checkpoint: string | null = null;
    const world = (refuse?: string) => ({
      sink: {
        openingBalance: async (b: { memberExternalId: string; balance: number }) => {
          if (b.memberExternalId === refuse) throw new DomainError(ErrorCode.FORBIDDEN, 'not yours');
          const had = imported.get(b.memberExternalId);
          if (had !== undefined && had !== b.balance)
            throw new DomainError(ErrorCode.CONFLICT, 'another balance');
          imported.set(b.memberExternalId, b.balance);
        },
      } as never,
      checkpoints: {
        get: async () => (checkpoint ? { cursor: checkpoint } : null),
        set: async (_: string, c: { cursor: string }) => void (checkpoint = c.cursor),
      } as never,
    });
    const crm = {
      listMembers: async () => ({ items: [], nextCursor: null }),
      listPointBalances: async (cursor: string | null) =>
        cursor === null
          ? { items: [balance('m1', 5)], nextCursor: 'p2' }
          : { items: [balance('m2', 12), balance('m3', 7)], nextCursor: null },
    };
    const counts = await syncLegacy(world(), { adapters: { crm } });
    expect(counts).toMatchObject({ balances: 3, balancesDrifted: 1 });
    expect(imported).toEqual(
      new Map([
        ['m2', 10],
        ['m1', 5],
        ['m3', 7],
      ]),
    );
    // the last page again, next pass: drift again, not a failed pass
    expect(await syncLegacy(world(), { adapters: { crm } })).toMatchObject({
      balances: 2,
      balancesDrifted: 1,
    });
    await expect(syncLegacy(world('m3'), { adapters: { crm } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('runs its passes only while its replica holds the lease, and stopping waits for the pass', async () => {
    let held = false;
    const passes: SyncCounts[] = [];
    const stop = startLegacyJobs(
      runtime,
      { adapters: {} },
      {
        everyMs: 10,
        onError: (e) => void passes.push(e as never),
        lease: { held: () => held },
        onPass: (c) => void passes.push(c),
      },
    );
    await sleep(60);
    expect(passes).toEqual([]);
    held = true;
    for (let waited = 0; passes.length < 2 && waited < 2_000; waited += 10) await sleep(10);
    expect(passes.length).toBeGreaterThan(1);
    await stop();
    const after = passes.length;
    await sleep(40);
    expect(passes.length).toBe(after);
  });
});
