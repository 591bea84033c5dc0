import { FakeNotifier, ManualClock, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';
import { HQ, contentWorld } from './testing/content-world.js';

/**
 * Campaigns beyond the QR join (R-CT-3): churn risk, birthdays, a segment on a schedule; quiet hours
 * per campaign and rate limits per channel.
 */
const notifier = new FakeNotifier();
const clock = new ManualClock('2026-03-10T02:00:00.000Z'); // 10:00 in Shanghai
const MINUTE = 60_000;
const w = contentWorld({
  clock,
  scopes: { members: { r1: { storeIds: ['s1'] } }, stores: { s1: 'east' } },
  // every member consented on WeChat, except those whose id starts with `nc-`
  answer: (_q, v) => {
    const id = v.id as string;
    return {
      member: {
        id,
        phone: null,
        consents: id.startsWith('nc-') ? [] : [{ channel: 'WECHAT', granted: true }],
        identities: [{ channel: 'WECHAT', externalId: `oW-${id}` }],
      },
    };
  },
  options: { notifier, rateLimits: { WECHAT_TEMPLATE: 3 } },
});
const SAVE = 'mutation($i: CampaignInput!) { saveCampaign(input: $i) { id trigger quietStart quietEnd } }';
const save = (i: Record<string, unknown>) =>
  w.as(HQ, SAVE, { i: { name: i.id, template: i.id, capHours: 0, ...i } });
let seq = 0;
/** `member.profileChanged`, announced now (each later than the one before) */
const profile = (memberId: string, x: Record<string, unknown> = {}) =>
  w.env.deliver(
    'member.profileChanged',
    { memberId, tags: [], segments: [], tier: null, lifecycleStage: 'REPEAT', storeIds: ['s1'], ...x },
    { at: new Date(clock.now().getTime() + ++seq), id: `profile-${memberId}-${seq}` },
  );
const sentTo = (template: string) => notifier.to(template).map((m) => m.params.memberId);
const funnel = async (id: string) =>
  ok<{ campaign: { funnel: { sent: number; clicked: number } } }>(
    await w.as(HQ, 'query($id: ID!) { campaign(id: $id) { funnel { sent clicked } } }', { id }),
  ).campaign.funnel;

describe('campaign triggers', () => {
  it('checks its settings: quiet hours as HH:mm, a SEGMENT campaign with its segment and start', async () => {
    expect(code(await save({ id: 'bad-1', trigger: 'BIRTHDAY', quietStart: '25:00' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(code(await save({ id: 'bad-2', trigger: 'SEGMENT' }))).toBe('BAD_USER_INPUT');
    expect(code(await save({ id: 'bad-3', trigger: 'BIRTHDAY', segmentId: 'vip' }))).toBe('BAD_USER_INPUT');
    expect(ok(await save({ id: 'quiet-default', trigger: 'CHURN_RISK', active: false }))).toEqual({
      saveCampaign: { id: 'quiet-default', trigger: 'CHURN_RISK', quietStart: '21:00', quietEnd: '09:00' },
    });
  });

  it('a member turning AT_RISK gets the churn-risk campaign once that day, again when it turns again', async () => {
    ok(await save({ id: 'winback', trigger: 'CHURN_RISK' }));
    await profile('r1', { lifecycleStage: 'AT_RISK' });
    await profile('r1', { lifecycleStage: 'AT_RISK', tags: ['x'] }); // still at risk: nothing new
    await profile('r2', { lifecycleStage: 'FAN' });
    expect(sentTo('winback')).toEqual(['r1']);
    // a late, older announcement changes nothing
    await w.env.deliver(
      'member.profileChanged',
      { memberId: 'r2', tags: [], segments: [], tier: null, lifecycleStage: 'AT_RISK', storeIds: [] },
      { at: new Date('2026-03-01T00:00:00.000Z'), id: 'profile-r2-old' },
    );
    expect(sentTo('winback')).toEqual(['r1']);
    clock.advance(24 * 60 * MINUTE);
    await profile('r1', { lifecycleStage: 'REPEAT' });
    await profile('r1', { lifecycleStage: 'AT_RISK' });
    expect(sentTo('winback')).toEqual(['r1', 'r1']);
    // clicks count on the member's latest delivery
    const click = () =>
      w.as(
        { role: 'MEMBER', memberId: 'r1' },
        'mutation { trackCampaign(campaignId: "winback", action: CLICKED) }',
      );
    expect(ok(await click())).toEqual({ trackCampaign: true });
    expect(ok(await click())).toEqual({ trackCampaign: false });
    expect(await funnel('winback')).toEqual({ sent: 2, clicked: 1 });
  });

  it('wishes members a happy birthday on the day, in the tenant’s time zone, once a year', async () => {
    clock.set('2026-03-10T16:30:00.000Z'); // 00:30 on 11 March in Shanghai (still the 10th in UTC)
    await profile('b1', { birthday: '03-11' });
    await profile('b2', { birthday: '03-10' });
    await profile('b3', { birthday: '02-29' });
    await profile('b4');
    ok(await save({ id: 'birthday', trigger: 'BIRTHDAY', quietStart: '22:00', quietEnd: '08:00' }));
    expect(await w.services.launcher.runOnce()).toBe(1);
    expect(sentTo('birthday')).toEqual([]); // scheduled, held until 08:00 (the campaign's quiet hours)
    clock.set('2026-03-11T00:00:00.000Z'); // 08:00
    await w.services.sender.runOnce();
    expect(sentTo('birthday')).toEqual(['b1']);
    expect(await w.services.launcher.runOnce()).toBe(0); // the day's fan-out is done
    // 29 February is celebrated on the 28th when the year has none
    clock.set('2027-02-28T02:00:00.000Z');
    expect(await w.services.launcher.runOnce()).toBe(1);
    expect(sentTo('birthday')).toEqual(['b1', 'b3']);
    clock.set('2027-03-11T02:00:00.000Z'); // a year later: b1 again
    expect(await w.services.launcher.runOnce()).toBe(1);
    expect(sentTo('birthday')).toEqual(['b1', 'b3', 'b1']);
  });

  it('a campaign without quiet hours sends at night', async () => {
    clock.set('2026-05-01T15:00:00.000Z'); // 23:00 in Shanghai
    ok(await save({ id: 'night-owl', trigger: 'CHURN_RISK', quietStart: '00:00', quietEnd: '00:00' }));
    await profile('n1', { lifecycleStage: 'AT_RISK' });
    expect(sentTo('night-owl')).toEqual(['n1']);
    expect(sentTo('winback')).toEqual(['r1', 'r1']); // held until 09:00 by its own quiet hours
  });

  it('reaches a segment at its start, every member once, at most 3 messages a minute on WeChat', async () => {
    clock.set('2026-04-01T02:00:00.000Z');
    const members = Array.from({ length: 520 }, (_, i) => `s-${String(i).padStart(3, '0')}`);
    for (const m of members) await profile(m, { segments: ['vip'] });
    await profile('nc-1', { segments: ['vip'] }); // no consent: in its feed, no message
    await profile('other', { segments: ['new'] });
    const startAt = new Date(clock.now().getTime() + 60 * MINUTE).toISOString();
    ok(await save({ id: 'spring', trigger: 'SEGMENT', segmentId: 'vip', startAt }));
    expect(await w.services.launcher.runOnce()).toBe(0); // not yet
    clock.advance(60 * MINUTE);
    expect(await w.services.launcher.runOnce()).toBe(521); // two pages of 500
    expect(await w.services.launcher.runOnce()).toBe(0);
    await w.services.sender.runOnce();
    expect(sentTo('spring')).toHaveLength(3); // the minute's budget
    clock.advance(MINUTE + 30_000);
    await w.services.sender.runOnce();
    expect(sentTo('spring')).toHaveLength(6);
    expect(new Set(sentTo('spring')).size).toBe(6);
    expect(sentTo('spring').every((m) => members.includes(m as string))).toBe(true);
  }, 60_000);
});
