import { testToken } from '@zhongtai/subgraph-kit';
import {
  api,
  clock,
  code,
  deliver,
  env,
  hq,
  identify,
  ok,
  order,
  published,
  setUpMemberCenter,
  subgraph,
  view,
} from './testing/member-world.js';

setUpMemberCenter();

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

  it('announces every change of the profile, back to an earlier one too, and not an unchanged one', async () => {
    const m = await identify({ channel: 'APP', externalId: 'app-announce', storeId: 'store-sh-001' });
    const tagsAnnounced = () =>
      published
        .filter(
          (e) => e.type === 'member.profileChanged' && (e.payload as { memberId: string }).memberId === m,
        )
        .map((e) => (e.payload as { tags: string[] }).tags.join(','));
    const run = (mutation: string) =>
      api.query(`mutation($m: ID!) { ${mutation}(memberId: $m, tag: "a-tag") { id } }`, { m }, hq);
    const before = tagsAnnounced().length;
    ok(await run('tagMember'));
    clock.advance(1000);
    ok(await run('untagMember'));
    clock.advance(1000);
    ok(await run('tagMember'));
    ok(await run('tagMember')); // unchanged: not announced
    expect(tagsAnnounced().slice(before)).toEqual(['a-tag', '', 'a-tag']);
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
