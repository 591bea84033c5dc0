import type { EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  type ServedForTest,
  type TestEnv,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createMemberSubgraph } from './index.js';

let env: TestEnv;
let api: ServedForTest;
let subgraph: Awaited<ReturnType<typeof createMemberSubgraph>>;
let system: string;
let hq: string;
const clock = new ManualClock('2026-03-01T00:00:00.000Z');
const published: EventEnvelope[] = [];

const IDENTIFY = `mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { created linked member { id } } }`;
const VIEW = `query($id: ID!) { member(id: $id) { id displayName phone joinedChannel joinedStore { id }
  identities { channel externalId } tags { name source } lifecycleStage relationship { valueScore activityScore quadrant }
  consents { channel granted } } }`;

type Gql = Awaited<ReturnType<ServedForTest['query']>>;
const ok = <T>(r: Gql) => {
  expect(r.errors).toBeUndefined();
  return r.data as T;
};
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

async function identify(i: Record<string, unknown>): Promise<string> {
  return ok<{ identifyMember: { member: { id: string } } }>(await api.query(IDENTIFY, { i }, system))
    .identifyMember.member.id;
}

async function view(id: string, token = hq) {
  return ok<{ member: Record<string, unknown> | null }>(await api.query(VIEW, { id }, token)).member;
}

const deliver = (type: string, payload: Record<string, unknown>, id?: string) =>
  env.deliver(type, payload, { id, at: clock.now() });

const order = (
  memberId: string,
  orderId: string,
  amount: number,
  storeId = 'store-sh-001',
  placedAt = clock.now(),
) =>
  deliver('order.completed', {
    orderId,
    source: 'pos',
    externalId: orderId,
    memberId,
    channel: 'STORE',
    storeId,
    total: { amount, currency: 'CNY' },
    lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: amount }],
    placedAt: placedAt.toISOString(),
  });

beforeAll(async () => {
  env = await startTestEnv();
  const deps = await env.deps('member', clock);
  subgraph = await createMemberSubgraph(deps, { refreshEveryMs: 0 });
  await subgraph.start();
  api = await serveForTest(subgraph);
  await env.infra.bus.subscribe({
    group: 'test-observer',
    events: [
      'member.merged.v1',
      'member.unmerged.v1',
      'member.consentChanged.v1',
      'member.profileChanged.v1',
    ],
    handler: async (e) => void published.push(e),
  });
  system = await testToken({ role: 'SYSTEM' });
  hq = await testToken({ role: 'HQ' });
  for (const [id, region] of [
    ['store-sh-001', 'east'],
    ['store-sh-002', 'east'],
    ['store-bj-001', 'north'],
  ]) {
    ok(
      await api.query(
        'mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }',
        { i: { id, name: id, region } },
        system,
      ),
    );
  }
});
afterAll(async () => {
  await api.close();
  await env.close();
});

describe('merge and undo', () => {
  it('merges two members reversibly: the survivor shows both, undo restores both exactly', async () => {
    const a = await identify({
      channel: 'APP',
      externalId: 'app-a',
      phone: '13600000001',
      displayName: '张三',
      storeId: 'store-sh-001',
    });
    const b = await identify({
      channel: 'MALL',
      externalId: 'mall-b',
      phone: '13600000002',
      displayName: '张三',
      storeId: 'store-bj-001',
    });
    ok(await api.query('mutation($m: ID!) { tagMember(memberId: $m, tag: "coffee") { id } }', { m: a }, hq));
    ok(await api.query('mutation($m: ID!) { tagMember(memberId: $m, tag: "vip") { id } }', { m: b }, hq));
    await order(b, 'ord-b1', 50_000, 'store-bj-001');
    const [beforeA, beforeB] = [await view(a), await view(b)];
    const northClerk = await testToken({ role: 'CLERK', storeId: 'store-bj-001' });
    expect(await view(a, northClerk)).toBeNull();

    const merged = ok<{
      mergeMembers: { id: string; survivor: { id: string }; mergedMemberId: string; undoneAt: null };
    }>(
      await api.query(
        'mutation($s: ID!, $m: ID!) { mergeMembers(survivorId: $s, mergedId: $m, reason: "same customer at two counters") { id survivor { id } mergedMemberId undoneAt } }',
        { s: a, m: b },
        hq,
      ),
    ).mergeMembers;
    expect(merged).toMatchObject({ survivor: { id: a }, mergedMemberId: b, undoneAt: null });

    // every old id finds the survivor, which now carries both members' identities, tags and history
    const viaB = (await view(b))!;
    expect(viaB.id).toBe(a);
    expect((viaB.identities as Array<{ externalId: string }>).map((i) => i.externalId).sort()).toEqual([
      'app-a',
      'mall-b',
    ]);
    expect((viaB.tags as Array<{ name: string }>).map((t) => t.name).sort()).toEqual(['coffee', 'vip']);
    expect(viaB.lifecycleStage).toBe('FIRST_PURCHASE');
    expect((await view(a, northClerk))?.id).toBe(a);

    // a replay of the same merge returns the same record and changes nothing
    const again = ok<{ mergeMembers: { id: string } }>(
      await api.query(
        'mutation($s: ID!, $m: ID!) { mergeMembers(survivorId: $s, mergedId: $m, reason: "retry") { id } }',
        { s: a, m: b },
        hq,
      ),
    );
    expect(again.mergeMembers.id).toBe(merged.id);

    const trail = ok<{ memberMerges: Array<{ id: string; mergedBy: string }> }>(
      await api.query('query($m: ID!) { memberMerges(memberId: $m) { id mergedBy } }', { m: a }, hq),
    );
    expect(trail.memberMerges).toEqual([{ id: merged.id, mergedBy: 'HQ' }]);

    const undone = ok<{ undoMerge: { id: string } }>(
      await api.query('mutation($id: ID!) { undoMerge(mergeId: $id) { id } }', { id: merged.id }, hq),
    );
    expect(undone.undoMerge.id).toBe(b);
    expect(await view(a)).toEqual(beforeA);
    expect(await view(b)).toEqual(beforeB);
    expect(await view(a, northClerk)).toBeNull();
    // undo is idempotent too
    expect(
      ok<{ undoMerge: { id: string } }>(
        await api.query('mutation($id: ID!) { undoMerge(mergeId: $id) { id } }', { id: merged.id }, hq),
      ).undoMerge.id,
    ).toBe(b);
    const trailAfter = ok<{ memberMerges: Array<{ undoneAt: string | null }> }>(
      await api.query('query($m: ID!) { memberMerges(memberId: $m) { undoneAt } }', { m: b }, hq),
    );
    expect(trailAfter.memberMerges[0].undoneAt).not.toBeNull();

    await env.infra.bus.drain();
    const kinds = published
      .filter((e) => (e.payload as { mergeId?: string }).mergeId === merged.id)
      .map((e) => e.type);
    expect(kinds).toEqual(['member.merged', 'member.unmerged']);
  });

  it('refuses bad merges with typed errors and changes nothing', async () => {
    const c = await identify({ channel: 'APP', externalId: 'app-c' });
    const d = await identify({ channel: 'APP', externalId: 'app-d' });
    const e = await identify({ channel: 'APP', externalId: 'app-e' });
    const merge = (s: string, m: string, token = hq, reason = 'r') =>
      api.query(
        'mutation($s: ID!, $m: ID!, $r: String!) { mergeMembers(survivorId: $s, mergedId: $m, reason: $r) { id } }',
        { s, m, r: reason },
        token,
      );
    expect(code(await merge(c, c))).toBe('BAD_USER_INPUT');
    expect(code(await merge(c, 'nobody'))).toBe('BAD_USER_INPUT');
    expect(code(await merge(c, d, hq, ' '))).toBe('BAD_USER_INPUT');
    expect(code(await merge(c, d, await testToken({ role: 'CLERK', storeId: 'store-sh-001' })))).toBe(
      'FORBIDDEN',
    );
    ok(await merge(c, d));
    expect(code(await merge(e, d))).toBe('CONFLICT');
    expect(code(await merge(d, e))).toBe('CONFLICT');
    expect(code(await merge(d, c))).toBe('CONFLICT');
    expect(code(await api.query('mutation { undoMerge(mergeId: "nope") { id } }', {}, hq))).toBe('NOT_FOUND');
    expect((await view(e))!.id).toBe(e);
  });

  it('merges automatically when a known identity brings a phone another member owns', async () => {
    const owner = await identify({ channel: 'MINI_PROGRAM', externalId: 'mp-owner', phone: '13600000009' });
    const follower = await identify({ channel: 'WECHAT', externalId: 'wx-follower' });
    expect(follower).not.toBe(owner);
    const r = ok<{ identifyMember: { created: boolean; linked: boolean; member: { id: string } } }>(
      await api.query(
        IDENTIFY,
        { i: { channel: 'WECHAT', externalId: 'wx-follower', phone: '136 0000 0009' } },
        system,
      ),
    );
    expect(r.identifyMember).toEqual({ created: false, linked: true, member: { id: owner } });
    expect((await view(follower))!.id).toBe(owner);
    const trail = ok<{ memberMerges: Array<{ mergedBy: string; mergedMemberId: string }> }>(
      await api.query(
        'query($m: ID!) { memberMerges(memberId: $m) { mergedBy mergedMemberId } }',
        { m: owner },
        hq,
      ),
    );
    expect(trail.memberMerges).toEqual([{ mergedBy: 'auto', mergedMemberId: follower }]);
  });

  it('proposes, never performs, a merge on a phone a person typed in; HQ accepts or dismisses', async () => {
    const rich = await identify({ channel: 'APP', externalId: 'app-rich', phone: '13600000019' });
    const card = await identify({ channel: 'STORE', externalId: 'pos-card-19', storeId: 'store-sh-001' });
    const clerk = await testToken({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-19' });
    // a clerk types the rich member's phone on the card: nothing moves
    const r = ok<{ identifyMember: { linked: boolean; member: { id: string } } }>(
      await api.query(
        IDENTIFY,
        { i: { channel: 'STORE', externalId: 'pos-card-19', phone: '13600000019' } },
        clerk,
      ),
    );
    expect(r.identifyMember).toMatchObject({ linked: false, member: { id: card } });
    expect((await view(card))!.id).toBe(card);
    // the same through a service acting for a clerk (orders identifying a clerk-entered buyer)
    const other = await identify({ channel: 'STORE', externalId: 'pos-card-20', storeId: 'store-sh-001' });
    const onBehalf = await testToken({
      role: 'SYSTEM',
      sub: 'service:orders',
      actor: { role: 'CLERK', sub: 'clerk-20', storeId: 'store-sh-001' },
    });
    ok(
      await api.query(
        IDENTIFY,
        { i: { channel: 'STORE', externalId: 'pos-card-20', phone: '13600000019' } },
        onBehalf,
      ),
    );
    expect((await view(other))!.id).toBe(other);

    const LIST = '{ mergeProposals { id survivorId mergedId proposedBy storeId status } }';
    expect(code(await api.query(LIST, {}, clerk))).toBe('FORBIDDEN');
    const open = ok<{ mergeProposals: Array<Record<string, string>> }>(
      await api.query(LIST, {}, hq),
    ).mergeProposals;
    const mine = open.filter((p) => p.survivorId === rich);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          mergedId: card,
          proposedBy: 'clerk:clerk-19',
          storeId: 'store-sh-001',
          status: 'OPEN',
        }),
        expect.objectContaining({ mergedId: other, proposedBy: 'clerk:clerk-20', status: 'OPEN' }),
      ]),
    );
    const ACCEPT = 'mutation($id: ID!) { acceptMergeProposal(id: $id) { status mergeId } }';
    const DISMISS = 'mutation($id: ID!) { dismissMergeProposal(id: $id) { status } }';
    const [first, second] = [mine.find((p) => p.mergedId === card)!, mine.find((p) => p.mergedId === other)!];
    expect(code(await api.query(ACCEPT, { id: first.id }, clerk))).toBe('FORBIDDEN');
    const accepted = ok<{ acceptMergeProposal: { status: string; mergeId: string } }>(
      await api.query(ACCEPT, { id: first.id }, hq),
    ).acceptMergeProposal;
    expect(accepted.status).toBe('ACCEPTED');
    expect((await view(card))!.id).toBe(rich);
    // accepting again changes nothing; a dismissed proposal cannot be accepted
    expect(
      ok<{ acceptMergeProposal: { mergeId: string } }>(await api.query(ACCEPT, { id: first.id }, hq)),
    ).toEqual({
      acceptMergeProposal: { status: 'ACCEPTED', mergeId: accepted.mergeId },
    });
    expect(ok(await api.query(DISMISS, { id: second.id }, hq))).toEqual({
      dismissMergeProposal: { status: 'DISMISSED' },
    });
    expect(code(await api.query(ACCEPT, { id: second.id }, hq))).toBe('CONFLICT');
    expect((await view(other))!.id).toBe(other);
  });
});

describe('tags, facts, lifecycle and segments', () => {
  it('keeps manual tags once, takes survey tags from answers, and maintains rule tags from facts', async () => {
    const m = await identify({ channel: 'APP', externalId: 'app-tags', storeId: 'store-sh-001' });
    const tag = (t: string) =>
      api.query(
        'mutation($m: ID!, $t: String!) { tagMember(memberId: $m, tag: $t) { tags { name source addedAt } } }',
        { m, t },
        hq,
      );
    const first = ok<{ tagMember: { tags: Array<{ addedAt: string }> } }>(await tag('tea'));
    clock.advance(60_000);
    expect(ok<{ tagMember: { tags: Array<{ addedAt: string }> } }>(await tag('tea')).tagMember.tags).toEqual(
      first.tagMember.tags,
    );
    expect(code(await tag('  '))).toBe('BAD_USER_INPUT');
    expect(code(await tag('x'.repeat(40)))).toBe('BAD_USER_INPUT');

    ok(
      await api.query(
        'mutation { saveTagRule(input: { tag: "big-spender", rule: { match: ALL, conditions: [{ fact: totalSpent, op: GTE, value: "100000" }] } }) { tag } }',
        {},
        hq,
      ),
    );
    await order(m, 'ord-t1', 150_000);
    await deliver('survey.answered', {
      surveyId: 'sv-1',
      memberId: m,
      orderId: 'ord-t1',
      score: 5,
      tags: ['loves-bakery'],
      answeredAt: clock.now().toISOString(),
    });
    const tags = async () =>
      ((await view(m))!.tags as Array<{ name: string; source: string }>)
        .map((t) => `${t.name}:${t.source}`)
        .sort();
    expect(await tags()).toEqual(['big-spender:RULE', 'loves-bakery:SURVEY', 'tea:MANUAL']);

    // a refund brings the net spend under the threshold: the rule takes its tag back
    await deliver('order.refunded', {
      orderId: 'ord-t1',
      refundId: 'rf-1',
      memberId: m,
      amount: 100_000,
      currency: 'CNY',
      orderTotal: 150_000,
      refundedTotal: 100_000,
    });
    expect(await tags()).toEqual(['loves-bakery:SURVEY', 'tea:MANUAL']);
    // the same refund delivered again changes nothing
    await deliver('order.refunded', {
      orderId: 'ord-t1',
      refundId: 'rf-1',
      memberId: m,
      amount: 100_000,
      currency: 'CNY',
      orderTotal: 150_000,
      refundedTotal: 100_000,
    });
    expect(await tags()).toEqual(['loves-bakery:SURVEY', 'tea:MANUAL']);
    ok(await api.query('mutation { deleteTagRule(tag: "big-spender") }', {}, hq));
  });

  it('counts campaign engagement once per interaction and tags from campaigns with their source', async () => {
    const m = await identify({ channel: 'APP', externalId: 'app-engaged', phone: '13700001234' });
    ok(
      await api.query(
        `mutation { saveSegment(input: { id: "engaged-2", name: "Engaged twice",
      rule: { match: ALL, conditions: [{ fact: engagement, op: GTE, value: "2" }] } }) { id } }`,
        {},
        hq,
      ),
    );
    const engaged = (interaction: string, tags: string[] = []) => ({
      memberId: m,
      campaignId: 'cmp-spring',
      interaction,
      tags,
      at: clock.now().toISOString(),
    });
    const inSegment = async () =>
      ok<{ segment: { members: { nodes: Array<{ id: string }> } } }>(
        await api.query('{ segment(id: "engaged-2") { members(first: 50) { nodes { id } } } }', {}, hq),
      ).segment.members.nodes.some((n) => n.id === m);
    await deliver('campaign.engaged', engaged('CLICK', ['likes-live']), 'evt-click-1');
    // the same interaction delivered again counts once
    await deliver('campaign.engaged', engaged('CLICK', ['likes-live']), 'evt-click-1');
    expect(await inSegment()).toBe(false);
    await deliver('campaign.engaged', engaged('SHARE'), 'evt-share-1');
    expect(await inSegment()).toBe(true);
    const tags = ((await view(m))!.tags as Array<{ name: string; source: string }>).map(
      (t) => `${t.name}:${t.source}`,
    );
    expect(tags).toEqual(['likes-live:CAMPAIGN']);
  });

  it('moves a member through the lifecycle as orders arrive and time passes; segments follow', async () => {
    const m = await identify({ channel: 'STORE', externalId: 'pos-life', storeId: 'store-sh-002' });
    ok(
      await api.query(
        `mutation { saveSegment(input: { id: "east-repeat", name: "Repeat buyers, Xujiahui",
      rule: { match: ALL, conditions: [{ fact: orderCount, op: GTE, value: "2" }, { fact: store, op: HAS, value: "store-sh-002" }] } }) { id } }`,
        {},
        hq,
      ),
    );
    ok(
      await api.query(
        `mutation { saveSegment(input: { id: "silent", name: "Silent for 90+ days",
      rule: { match: ALL, conditions: [{ fact: lifecycleStage, op: IN, values: ["AT_RISK", "CHURNED"] }] } }) { id } }`,
        {},
        hq,
      ),
    );
    const segment = async (id: string) =>
      ok<{ segment: { count: number; members: { nodes: Array<{ id: string }> } } }>(
        await api.query(
          'query($id: ID!) { segment(id: $id) { count members(first: 10) { nodes { id } } } }',
          { id },
          hq,
        ),
      ).segment;
    const stage = async () => (await view(m))!.lifecycleStage;

    expect(await stage()).toBe('IDENTIFIED');
    await order(m, 'ord-l1', 8_000, 'store-sh-002');
    expect(await stage()).toBe('FIRST_PURCHASE');
    expect((await segment('east-repeat')).count).toBe(0);
    await order(m, 'ord-l2', 9_000, 'store-sh-002');
    await order(m, 'ord-l2', 9_000, 'store-sh-002'); // a duplicate delivery
    expect(await stage()).toBe('REPEAT');
    const seg = await segment('east-repeat');
    expect(seg.count).toBe(1);
    expect(seg.members.nodes).toEqual([{ id: m }]);

    clock.advance(100 * 86_400_000);
    expect(await stage()).toBe('AT_RISK');
    expect((await segment('silent')).members.nodes).not.toContainEqual({ id: m }); // materialised: waits for the job
    await subgraph.services.segments.refreshAll('demo');
    expect((await segment('silent')).members.nodes).toContainEqual({ id: m });
    clock.advance(100 * 86_400_000);
    expect(await stage()).toBe('CHURNED');
  });

  it('validates segment rules and ids', async () => {
    const bad = [
      'mutation { saveSegment(input: { id: "Bad Id", name: "x", rule: { match: ALL, conditions: [{ fact: tier, op: EQ, value: "GOLD" }] } }) { id } }',
      'mutation { saveSegment(input: { id: "ok-id", name: "x", rule: { match: ALL, conditions: [] } }) { id } }',
      'mutation { saveSegment(input: { id: "ok-id", name: "x", rule: { match: ALL, conditions: [{ fact: tag, op: GT, value: "1" }] } }) { id } }',
      'mutation { saveSegment(input: { id: "ok-id", name: "x", rule: { match: ALL, conditions: [{ fact: orderCount, op: GT, value: "lots" }] } }) { id } }',
    ];
    for (const q of bad) expect(code(await api.query(q, {}, hq))).toBe('BAD_USER_INPUT');
    expect(
      ok<{ segment: unknown }>(await api.query('{ segment(id: "ok-id") { id } }', {}, hq)).segment,
    ).toBeNull();
    expect(
      code(
        await api.query(
          '{ segments { id } }',
          {},
          await testToken({ role: 'CLERK', storeId: 'store-sh-001' }),
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('visibility, consent and insight', () => {
  it('lets a clerk see members who bought at its store, masked', async () => {
    const m = await identify({
      channel: 'APP',
      externalId: 'app-visit',
      phone: '13600000077',
      displayName: '王芳',
      storeId: 'store-sh-001',
    });
    const bjClerk = await testToken({ role: 'CLERK', storeId: 'store-bj-001' });
    expect(await view(m, bjClerk)).toBeNull();
    await order(m, 'ord-v1', 3_000, 'store-bj-001');
    expect(await view(m, bjClerk)).toMatchObject({ id: m, phone: '136****0077', displayName: '王*' });
    const members = ok<{ store: { members: { totalCount: number; nodes: Array<{ id: string }> } } }>(
      await api.query(
        '{ store(id: "store-bj-001") { members(first: 50) { totalCount nodes { id } } } }',
        {},
        bjClerk,
      ),
    );
    expect(members.store.members.nodes.map((n) => n.id)).toContain(m);
    // another store's members: refused, not an empty list (the policy of Store.members)
    expect(
      code(await api.query('{ store(id: "store-sh-002") { members { totalCount } } }', {}, bjClerk)),
    ).toBe('FORBIDDEN');
  });

  it('records consent per channel: the member itself or staff, nobody else', async () => {
    const m = await identify({ channel: 'APP', externalId: 'app-consent' });
    const other = await identify({ channel: 'APP', externalId: 'app-consent-2' });
    const self = await testToken({ role: 'MEMBER', memberId: m });
    ok(
      await api.query(
        'mutation($m: ID!) { setConsent(memberId: $m, channel: WECHAT, granted: true) { id } }',
        { m },
        self,
      ),
    );
    ok(
      await api.query(
        'mutation($m: ID!) { setConsent(memberId: $m, channel: APP, granted: false) { id } }',
        { m },
        hq,
      ),
    );
    expect(
      code(
        await api.query(
          'mutation($m: ID!) { setConsent(memberId: $m, channel: APP, granted: true) { id } }',
          { m: other },
          self,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect((await view(m))!.consents).toEqual([
      { channel: 'APP', granted: false },
      { channel: 'WECHAT', granted: true },
    ]);
    await env.infra.bus.drain();
    expect(
      published.filter(
        (e) => e.type === 'member.consentChanged' && (e.payload as { memberId: string }).memberId === m,
      ),
    ).toHaveLength(2);
  });

  it("counts the relationship matrix and the lifecycle funnel per store, within the caller's scope", async () => {
    const q =
      'query($s: ID) { relationshipMatrix(storeId: $s) { total cells { quadrant count } } lifecycleFunnel(storeId: $s) { total stages { stage count } } }';
    type R = {
      relationshipMatrix: { total: number; cells: Array<{ count: number }> };
      lifecycleFunnel: { total: number; stages: Array<{ count: number }> };
    };
    const all = ok<R>(await api.query(q, { s: null }, hq));
    const sum = (xs: Array<{ count: number }>) => xs.reduce((n, x) => n + x.count, 0);
    expect(sum(all.relationshipMatrix.cells)).toBe(all.relationshipMatrix.total);
    expect(sum(all.lifecycleFunnel.stages)).toBe(all.lifecycleFunnel.total);
    const store = ok<R>(await api.query(q, { s: 'store-sh-002' }, hq));
    expect(store.relationshipMatrix.total).toBeLessThan(all.relationshipMatrix.total);
    const clerk = await testToken({ role: 'CLERK', storeId: 'store-sh-002' });
    expect(ok<R>(await api.query(q, { s: null }, clerk)).relationshipMatrix.total).toBe(
      store.relationshipMatrix.total,
    );
    expect(code(await api.query(q, { s: 'store-bj-001' }, clerk))).toBe('FORBIDDEN');
    const northManager = await testToken({ role: 'STORE_MANAGER', region: 'north' });
    expect(code(await api.query(q, { s: 'store-sh-002' }, northManager))).toBe('FORBIDDEN');
    expect(code(await api.query(q, { s: null }, await testToken({ role: 'MEMBER', memberId: 'x' })))).toBe(
      'FORBIDDEN',
    );
  });
});
