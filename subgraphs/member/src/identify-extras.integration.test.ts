import { testToken } from '@zhongtai/subgraph-kit';
import {
  IDENTIFY,
  api,
  code,
  env,
  identify,
  ok,
  published,
  setUpMemberCenter,
  system,
  view,
} from './testing/member-world.js';

setUpMemberCenter();

/** `identifyMember`'s `consents`: a WeChat follow opts into the account's messages (R-ID-6). */
describe('identifyMember with consents', () => {
  const eventsOf = (memberId: string) =>
    published
      .filter((e) => (e.payload as { memberId?: string }).memberId === memberId)
      .map((e) => e.type)
      .filter((t) => t === 'member.consentChanged' || t === 'member.identified');

  it('records the opt-in before the member is announced, once however often it is reported', async () => {
    const i = { channel: 'WECHAT', externalId: 'oW-join-1', storeId: 'store-sh-001', consents: ['WECHAT'] };
    const m = await identify(i);
    await identify(i); // the follower scans again
    await identify({ ...i, consents: ['WECHAT', 'WECHAT'] });
    await env.infra.bus.drain();
    expect((await view(m))!.consents).toEqual([{ channel: 'WECHAT', granted: true }]);
    // whoever acts on the announcement (a welcome) finds the consent recorded
    expect(eventsOf(m)).toEqual(['member.consentChanged', 'member.identified']);
  });

  it('never overrides a choice the member made', async () => {
    const m = await identify({ channel: 'WECHAT', externalId: 'oW-join-2' });
    const self = await testToken({ role: 'MEMBER', memberId: m });
    ok(
      await api.query(
        'mutation($m: ID!) { setConsent(memberId: $m, channel: WECHAT, granted: false) { id } }',
        { m },
        self,
      ),
    );
    await identify({
      channel: 'WECHAT',
      externalId: 'oW-join-2',
      storeId: 'store-sh-001',
      consents: ['WECHAT'],
    });
    expect((await view(m))!.consents).toEqual([{ channel: 'WECHAT', granted: false }]);
  });

  it('grants it to the member a phone links the identity to', async () => {
    const owner = await identify({ channel: 'APP', externalId: 'app-join-3', phone: '13900003333' });
    const linked = await identify({
      channel: 'WECHAT',
      externalId: 'oW-join-3',
      phone: '13900003333',
      consents: ['WECHAT'],
    });
    expect(linked).toBe(owner);
    expect((await view(owner))!.consents).toEqual([{ channel: 'WECHAT', granted: true }]);
  });
});

/** `identifyMember`'s `birthday`: kept as MM-DD and announced with the profile (birthday campaigns). */
describe('identifyMember with a birthday', () => {
  const announced = (memberId: string) =>
    published
      .filter(
        (e) =>
          e.type === 'member.profileChanged' && (e.payload as { memberId: string }).memberId === memberId,
      )
      .map((e) => (e.payload as { birthday?: string }).birthday);

  it('keeps month and day, announces them, and never replaces a birthday it has', async () => {
    const m = await identify({ channel: 'APP', externalId: 'app-bday-1', birthday: '1990-03-11' });
    await identify({ channel: 'APP', externalId: 'app-bday-1', birthday: '12-24' });
    await env.infra.bus.drain();
    expect(announced(m).at(-1)).toBe('03-11');
    const late = await identify({ channel: 'APP', externalId: 'app-bday-2' });
    await identify({ channel: 'APP', externalId: 'app-bday-2', birthday: '19920229' });
    await env.infra.bus.drain();
    expect(announced(late)).toEqual([undefined, '02-29']);
  });

  it('refuses what is not a day, and changes nothing', async () => {
    for (const birthday of ['1991-02-29', '04-31', '13-01', 'soon'])
      expect(
        code(
          await api.query(IDENTIFY, { i: { channel: 'APP', externalId: 'app-bday-x', birthday } }, system),
        ),
      ).toBe('BAD_USER_INPUT');
    expect(
      ok<{ memberByIdentity: unknown }>(
        await api.query('{ memberByIdentity(channel: APP, externalId: "app-bday-x") { id } }', {}, system),
      ).memberByIdentity,
    ).toBeNull();
  });
});
