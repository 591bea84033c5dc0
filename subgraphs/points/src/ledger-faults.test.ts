import { jest } from '@jest/globals';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  Outbox,
  type ServedForTest,
  type SubgraphDeps,
  type TestEnv,
  everyMemberAt,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createPointsSubgraph } from './index.js';
import { LedgerRepository } from './store/ledger-repository.js';

/**
 * A points write is an entry (with its events, one write), then the snapshot and lots, then the
 * events to the outbox. A crash may stop it after any step. Each step is made to fail once, then the
 * platform recovers as after a restart — the client retries with the same idempotency key, or
 * nobody retries and the readers and the relay catch up — and the ledger must be whole: the entry
 * once, the balance it says, reconciliation clean, `points.changed` published exactly once.
 */
let env: TestEnv;
let deps: SubgraphDeps;
let api: ServedForTest;
let points: Awaited<ReturnType<typeof createPointsSubgraph>>;
let system: string;
let hq: string;
const clock = new ManualClock('2026-05-03T10:00:00.000Z');
const published: EventEnvelope[] = [];
const crash = () => new Error('the process died here');

beforeAll(async () => {
  env = await startTestEnv();
  deps = { ...(await env.deps('points', clock)), call: everyMemberAt(['s1'], { s1: 'east' }) };
  points = await createPointsSubgraph(deps, { jobsEveryMs: 0 });
  await points.start({ relay: false });
  api = await serveForTest(points);
  await env.infra.bus.subscribe({
    group: 'test.observer',
    events: ['points.changed.v1'],
    handler: async (e) => void published.push(e),
  });
  system = await testToken({ role: 'SYSTEM' });
  hq = await testToken({ role: 'HQ' });
});
afterAll(async () => {
  await api.close();
  await points.stop();
  await env.close();
});
afterEach(() => jest.restoreAllMocks());

type Gql = Awaited<ReturnType<ServedForTest['query']>>;
const write = (op: 'earn' | 'redeem', memberId: string, key: string, pts: number) =>
  api.query<Record<string, { id: string; delta: number }>>(
    op === 'earn'
      ? 'mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id delta } }'
      : 'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id delta } }',
    { i: { memberId, points: pts, idempotencyKey: key, ...(op === 'earn' ? { source: 'test' } : {}) } },
    system,
  );
const balance = async (memberId: string) =>
  (
    (await api.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { points { balance history { totalCount } } } } }',
      { r: [{ __typename: 'Member', id: memberId }] },
      hq,
    )) as Gql & {
      data: { _entities: Array<{ points: { balance: number; history: { totalCount: number } } }> };
    }
  ).data._entities[0].points;
const reconciliation = async () =>
  (
    (await api.query('{ pointsReconciliation { mismatches { memberId } } }', {}, hq)) as Gql & {
      data: { pointsReconciliation: { mismatches: unknown[] } };
    }
  ).data.pointsReconciliation.mismatches;

/** A restart with no client retry: time passes, the relay sweeps entries, events are handled. */
async function recover(): Promise<void> {
  clock.advance(10_000);
  await points.services.ledger.settleInterrupted();
  await deps.outbox.relay(0);
  await env.infra.bus.drain();
  await deps.outbox.settled();
}

const STEPS: Array<[string, () => void]> = [
  [
    'after the entry, before the snapshot',
    () => jest.spyOn(LedgerRepository.prototype, 'applyEntry').mockRejectedValueOnce(crash()),
  ],
  [
    'after the snapshot, before its events (on the entry) are published',
    () => jest.spyOn(Outbox.prototype, 'emitFrom').mockRejectedValueOnce(crash()),
  ],
];

let n = 0;
describe.each(STEPS)('a points write interrupted %s', (_step, inject) => {
  it.each([
    ['earn', 'client retry'],
    ['earn', 'no retry'],
    ['redeem', 'client retry'],
    ['redeem', 'no retry'],
  ] as const)('%s, recovered by %s: once in the ledger, once announced', async (op, how) => {
    const member = `fault-${++n}`;
    if (op === 'redeem') expect((await write('earn', member, `${member}-seed`, 100)).errors).toBeUndefined();
    await recover();
    const key = `${member}-${op}`;
    inject();
    const failed = await write(op, member, key, 40);
    expect(failed.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    jest.restoreAllMocks();
    let entryId: string;
    if (how === 'client retry') {
      const r = await write(op, member, key, 40);
      expect(r.errors).toBeUndefined();
      entryId = Object.values(r.data!)[0].id;
      // and a second retry answers the same entry again
      expect(Object.values((await write(op, member, key, 40)).data!)[0].id).toBe(entryId);
    }
    await recover();
    const expected = op === 'earn' ? 40 : 60;
    expect((await balance(member)).balance).toBe(expected);
    expect((await balance(member)).history.totalCount).toBe(op === 'earn' ? 1 : 2);
    expect(await reconciliation()).toEqual([]);
    const mine = published.filter((e) => (e.payload as { memberId: string }).memberId === member);
    expect(mine.map((e) => (e.payload as { delta: number }).delta)).toEqual(
      op === 'earn' ? [40] : [100, -40],
    );
  });
});

describe('a write racing a merge', () => {
  it('lands on the survivor when the member was merged away between the lookup and the post', async () => {
    const [survivor, merged] = [`race-s-${++n}`, `race-m-${n}`];
    expect((await write('earn', merged, `${merged}-seed`, 50)).errors).toBeUndefined();
    await env.deliver(
      'member.merged',
      { mergeId: `mg-${n}`, survivorId: survivor, mergedId: merged, reason: 'race' },
      { at: clock.now() },
    );
    // the holder was looked up before the merge reached the ledger: it still says `merged`
    jest.spyOn(points.services.ledger, 'holder').mockResolvedValueOnce(merged);
    expect((await write('earn', merged, `${merged}-late`, 7)).errors).toBeUndefined();
    await recover();
    expect((await balance(survivor)).balance).toBe(57);
    expect(await reconciliation()).toEqual([]);
  });
});

describe('the next write after a crash between the entry and the snapshot', () => {
  it('finds the unapplied entry in its slot, applies it and posts after it', async () => {
    const member = `fault-next-${++n}`;
    jest.spyOn(LedgerRepository.prototype, 'applyEntry').mockRejectedValueOnce(crash());
    expect((await write('earn', member, `${member}-a`, 40)).errors?.[0].extensions?.code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
    jest.restoreAllMocks();
    // not a retry: another grant, planned from the snapshot one entry behind
    expect((await write('earn', member, `${member}-b`, 5)).errors).toBeUndefined();
    expect((await write('redeem', member, `${member}-c`, 45)).errors).toBeUndefined();
    await recover();
    expect(await balance(member)).toEqual({ balance: 0, history: { totalCount: 3 } });
    expect(await reconciliation()).toEqual([]);
  });
});
