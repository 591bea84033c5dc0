import { testToken } from '@zhongtai/subgraph-kit';
import {
  IDENTIFY,
  api,
  code,
  env,
  hq,
  identify,
  ok,
  order,
  published,
  setUpMemberCenter,
  system,
  view,
} from './testing/member-world.js';

setUpMemberCenter();

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
