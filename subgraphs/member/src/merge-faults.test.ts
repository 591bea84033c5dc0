import { jest } from '@jest/globals';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  Outbox,
  type SubgraphDeps,
  type TestEnv,
  contextFromClaims,
  silentLogger,
  startTestEnv,
} from '@zhongtai/subgraph-kit';
import { createMemberSubgraph } from './index.js';
import { MemberRepository } from './store/member-repository.js';
import { ProfileRepository } from './store/profile-repository.js';

/**
 * A merge and its undo are several writes; a crash may stop them after any one. Each step is made to
 * fail once (the process "dies" there), then the platform recovers the way it does after a restart —
 * the client retries, or the resume job and the outbox relay run — and the end state must be whole:
 * the members linked (or unlinked) and the event published exactly once.
 */
let env: TestEnv;
let deps: SubgraphDeps;
let subgraph: Awaited<ReturnType<typeof createMemberSubgraph>>;
const clock = new ManualClock('2026-04-01T00:00:00.000Z');
const seen: EventEnvelope[] = [];
const ctx = () => contextFromClaims({ tenant: 'demo', role: 'HQ', sub: 'hq' }, 'r', silentLogger());
const crash = () => new Error('the process died here');

beforeAll(async () => {
  env = await startTestEnv();
  deps = await env.deps('member', clock);
  subgraph = await createMemberSubgraph(deps, { refreshEveryMs: 0, resumeEveryMs: 0 });
  await subgraph.start({ relay: false });
  await env.infra.bus.subscribe({
    group: 'test.observer',
    events: ['member.merged.v1', 'member.unmerged.v1'],
    handler: async (e) => void seen.push(e),
  });
});
afterAll(async () => {
  await subgraph.stop();
  await env.close();
});
afterEach(() => jest.restoreAllMocks());

let n = 0;
async function pair(): Promise<[string, string]> {
  const identify = async () =>
    (
      await subgraph.services.identity.identify(ctx(), {
        channel: 'APP',
        externalId: `fault-${++n}`,
      })
    ).member._id;
  return [await identify(), await identify()];
}

/** What a restart does: time passes, the resume job and the outbox relay run, events are handled. */
async function recover(): Promise<void> {
  clock.advance(10_000);
  await subgraph.services.merges.resume();
  await deps.outbox.relay(0);
  await env.infra.bus.drain();
  await deps.outbox.settled(); // events cleared from their documents (a few milliseconds after delivery)
}

const eventsOf = (type: string, mergeId: string) =>
  seen.filter((e) => e.type === type && (e.payload as { mergeId: string }).mergeId === mergeId);

async function expectMerged(survivor: string, merged: string): Promise<string> {
  const repo = subgraph.services.directory.repo;
  const m = await repo.member('demo', merged);
  const s = await repo.member('demo', survivor);
  expect(m?.mergedInto).toBe(survivor);
  expect(s?.absorbed).toContain(merged);
  const mergeId = m!.mergeId!;
  expect(eventsOf('member.merged', mergeId)).toHaveLength(1);
  const trail = await subgraph.services.merges.mergesOf('demo', [merged]);
  expect(trail.map((t) => [t._id, t.state, t.outboxCount ?? 0])).toEqual([[mergeId, 'APPLIED', 0]]);
  return mergeId;
}

const MERGE_STEPS: Array<[string, () => void]> = [
  [
    'before the member is linked',
    () => jest.spyOn(MemberRepository.prototype, 'markMerged').mockRejectedValueOnce(crash()),
  ],
  [
    'after linking, before the survivor absorbs',
    () => jest.spyOn(MemberRepository.prototype, 'absorb').mockRejectedValueOnce(crash()),
  ],
  [
    'before the record turns APPLIED',
    () => jest.spyOn(ProfileRepository.prototype, 'markMergeApplied').mockRejectedValueOnce(crash()),
  ],
  [
    'after APPLIED, before its events (on the merge record) are published',
    () => jest.spyOn(Outbox.prototype, 'emitFrom').mockRejectedValueOnce(crash()),
  ],
];

describe.each(MERGE_STEPS)('a merge interrupted %s', (_step, inject) => {
  it('is finished by the client retrying the same merge', async () => {
    const [survivor, merged] = await pair();
    inject();
    await expect(subgraph.services.merges.merge(ctx(), survivor, merged, 'test', 'HQ')).rejects.toThrow();
    jest.restoreAllMocks();
    const again = await subgraph.services.merges.merge(ctx(), survivor, merged, 'test', 'HQ');
    await deps.outbox.relay(0);
    await env.infra.bus.drain();
    await deps.outbox.settled();
    expect(await expectMerged(survivor, merged)).toBe(again._id);
  });

  it('is finished by the resume job and the relay after a restart, with no retry', async () => {
    const [survivor, merged] = await pair();
    inject();
    await expect(subgraph.services.merges.merge(ctx(), survivor, merged, 'test', 'HQ')).rejects.toThrow();
    jest.restoreAllMocks();
    await recover();
    const repo = subgraph.services.directory.repo;
    if ((await repo.member('demo', merged))?.mergedInto) await expectMerged(survivor, merged);
    else {
      // it died before the member was linked: the merge never happened, and nothing says it did
      expect(seen.filter((e) => (e.payload as { mergedId?: string }).mergedId === merged)).toEqual([]);
      expect(await subgraph.services.merges.mergesOf('demo', [merged])).toEqual([]);
    }
  });
});

const UNDO_STEPS: Array<[string, () => void]> = [
  [
    'before the member is unlinked',
    () => jest.spyOn(MemberRepository.prototype, 'unmarkMerged').mockRejectedValueOnce(crash()),
  ],
  [
    'after unlinking, before the survivor releases',
    () => jest.spyOn(MemberRepository.prototype, 'release').mockRejectedValueOnce(crash()),
  ],
  [
    'before the undo is marked DONE',
    () => jest.spyOn(ProfileRepository.prototype, 'markUndone').mockRejectedValueOnce(crash()),
  ],
  [
    'after DONE, before its events (on the merge record) are published',
    () => jest.spyOn(Outbox.prototype, 'emitFrom').mockRejectedValueOnce(crash()),
  ],
];

describe.each(UNDO_STEPS)('an undo interrupted %s', (_step, inject) => {
  it.each(['client retry', 'resume job'])('ends split back exactly, announced once (%s)', async (how) => {
    const [survivor, merged] = await pair();
    const record = await subgraph.services.merges.merge(ctx(), survivor, merged, 'test', 'HQ');
    await env.infra.bus.drain();
    inject();
    await expect(subgraph.services.merges.undo(ctx(), record._id, 'HQ')).rejects.toThrow();
    jest.restoreAllMocks();
    if (how === 'client retry') await subgraph.services.merges.undo(ctx(), record._id, 'HQ');
    await recover();
    const repo = subgraph.services.directory.repo;
    expect((await repo.member('demo', merged))?.mergedInto).toBeUndefined();
    expect((await repo.member('demo', survivor))?.absorbed ?? []).not.toContain(merged);
    expect(eventsOf('member.unmerged', record._id)).toHaveLength(1);
    const [trail] = await subgraph.services.merges.mergesOf('demo', [merged]);
    expect(trail).toMatchObject({ undo: 'DONE', outboxCount: 0 });
    expect(trail.undoneAt).toBeDefined();
  });
});

describe('an identification interrupted before it is announced', () => {
  it.each(['the channel identifying again', 'the resume job'])('is announced once after %s', async (how) => {
    const externalId = `fault-ident-${++n}`;
    const identified: EventEnvelope[] = [];
    const sub = await env.infra.bus.subscribe({
      group: `test.identified.${n}`,
      events: ['member.identified.v1'],
      handler: async (e) => void identified.push(e),
    });
    jest.spyOn(Outbox.prototype, 'emit').mockRejectedValueOnce(crash());
    await expect(
      subgraph.services.identity.identify(ctx(), { channel: 'WECHAT', externalId, storeId: null }),
    ).rejects.toThrow();
    jest.restoreAllMocks();
    if (how.startsWith('the channel'))
      await subgraph.services.identity.identify(ctx(), { channel: 'WECHAT', externalId });
    clock.advance(10_000);
    await subgraph.services.identity.resume();
    await env.infra.bus.drain();
    await sub.stop();
    const mine = identified.filter((e) => (e.payload as { externalId: string }).externalId === externalId);
    expect(mine.map((e) => (e.payload as { created: boolean }).created)).toEqual([true]);
  });
});
