import { FakeNotifier, ManualClock, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';
import { HQ, type Who, contentWorld } from './testing/content-world.js';

/** Campaigns (R-CT-3): triggers, the scheduler (consent, quiet hours, frequency cap) and the funnel. */
const notifier = new FakeNotifier();
const clock = new ManualClock('2026-03-10T02:00:00.000Z'); // 10:00 in Shanghai
const HOUR = 3_600_000;

const contacts: Record<string, { phone: string | null; wechat?: string; consents: string[] }> = {
  w1: { phone: '13800000001', wechat: 'oW-w1', consents: ['WECHAT'] },
  w2: { phone: '13800000002', consents: [] },
  w3: { phone: '13800000003', consents: ['APP'] },
  w4: { phone: '13800000004', consents: [] },
};
const w = contentWorld({
  clock,
  scopes: {
    members: Object.fromEntries(Object.keys(contacts).map((id) => [id, { storeIds: ['s1'] }])),
    stores: { s1: 'east', s2: 'north' },
  },
  // the member's contact and consent, as the member center answers through the gateway
  answer: (_q, variables) => {
    const c = contacts[variables.id as string];
    return {
      member: c && {
        id: variables.id,
        phone: c.phone,
        consents: c.consents.map((channel) => ({ channel, granted: true })),
        identities: c.wechat ? [{ channel: 'WECHAT', externalId: c.wechat }] : [],
      },
    };
  },
  options: { notifier },
});
const as = w.as;
const SAVE = 'mutation($i: CampaignInput!) { saveCampaign(input: $i) { id trigger active capHours } }';
const FUNNEL = 'sent joined clicked shared couponsClaimed purchased';
type Funnel = {
  sent: number;
  joined: number;
  clicked: number;
  shared: number;
  couponsClaimed: number;
  purchased: number;
};
const funnel = async (id: string, storeId = 's1', who: Who = HQ) =>
  ok<{ campaign: { funnel: Funnel; funnelAt: Funnel } }>(
    await as(
      who,
      `query($id: ID!, $s: ID!) { campaign(id: $id) { funnel { ${FUNNEL} } funnelAt(storeId: $s) { ${FUNNEL} } } }`,
      {
        id,
        s: storeId,
      },
    ),
  ).campaign;
const joined = w.joined;
const sentTo = (template: string) => notifier.to(template).map((m) => m.params.memberId);

beforeAll(async () => {
  ok(
    await as(HQ, 'mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id } }', {
      i: {
        id: 'o-welcome',
        kind: 'COUPON_OFFER',
        title: '¥20',
        body: 'b',
        channels: ['WECHAT'],
        offer: { stock: 100 },
      },
    }),
  );
  ok(
    await as(HQ, SAVE, {
      i: {
        id: 'welcome',
        name: 'Welcome',
        trigger: 'JOINED_IN_STORE',
        offerId: 'o-welcome',
        template: 'welcome',
      },
    }),
  );
  ok(
    await as(HQ, SAVE, {
      i: { id: 'thanks', name: 'Thanks', trigger: 'SURVEY_SATISFIED', template: 'thanks' },
    }),
  );
});

describe('campaigns', () => {
  it('HQ saves campaigns; others may not; bad settings BAD_USER_INPUT', async () => {
    const i = { id: 'x', name: 'X', trigger: 'JOINED_IN_STORE', template: 'x' };
    expect(code(await as({ role: 'CLERK', storeId: 's1' }, SAVE, { i }))).toBe('FORBIDDEN');
    expect(code(await as(HQ, SAVE, { i: { ...i, template: 'Bad Name' } }))).toBe('BAD_USER_INPUT');
    expect(code(await as(HQ, SAVE, { i: { ...i, capHours: -1 } }))).toBe('BAD_USER_INPUT');
  });

  it('a QR join in a store is welcomed at once on the consented channel, counted once per store', async () => {
    await joined('w1');
    await joined('w1'); // redelivered
    expect(notifier.to('welcome')).toEqual([
      expect.objectContaining({
        channel: 'WECHAT_TEMPLATE',
        to: 'oW-w1',
        params: expect.objectContaining({ offerId: 'o-welcome' }),
      }),
    ]);
    expect(await funnel('welcome')).toEqual({
      funnel: { sent: 1, joined: 1, clicked: 0, shared: 0, couponsClaimed: 0, purchased: 0 },
      funnelAt: { sent: 1, joined: 1, clicked: 0, shared: 0, couponsClaimed: 0, purchased: 0 },
    });
  });

  it('no welcome for a member found again, or joining elsewhere than WeChat; none sent without consent', async () => {
    await joined('w3', { created: false });
    await joined('w3', { channel: 'APP' });
    await joined('w2'); // no consent: the offer waits in its feed
    expect(sentTo('welcome')).toEqual(['w1']);
    expect((await funnel('welcome')).funnel).toMatchObject({ sent: 1, joined: 2 });
  });

  it('a join at 23:00 is welcomed at 09:00 the next morning (quiet hours)', async () => {
    clock.set('2026-03-10T15:00:00.000Z'); // 23:00 in Shanghai
    await joined('w3');
    expect(sentTo('welcome')).toEqual(['w1']);
    clock.set('2026-03-11T00:30:00.000Z'); // 08:30
    await w.services.sender.runOnce();
    expect(sentTo('welcome')).toEqual(['w1']);
    // the offer claimed in the app before the welcome went out counts for the campaign too
    ok(await as({ role: 'MEMBER', memberId: 'w3' }, 'mutation { claimCoupon(offerId: "o-welcome") { id } }'));
    expect((await funnel('welcome')).funnel.couponsClaimed).toBe(1);
    clock.set('2026-03-11T01:00:00.000Z'); // 09:00
    await w.services.sender.runOnce();
    expect(sentTo('welcome')).toEqual(['w1', 'w3']);
  });

  it('one campaign message per member per 24 hours: a second campaign waits for the cap', async () => {
    clock.set('2026-03-11T02:00:00.000Z'); // w3 was welcomed an hour ago
    await w.env.deliver('survey.answered', {
      surveyId: 'sv-1',
      memberId: 'w3',
      orderId: 'o-1',
      storeId: 's1',
      score: 5,
      tags: [],
      answeredAt: clock.now().toISOString(),
    });
    expect(sentTo('thanks')).toEqual([]);
    clock.advance(22 * HOUR);
    await w.services.sender.runOnce();
    expect(sentTo('thanks')).toEqual([]);
    clock.advance(HOUR + 60_000);
    await w.services.sender.runOnce();
    expect(sentTo('thanks')).toEqual(['w3']);
  });

  it('counts a claim of the delivered offer once, and a purchase inside the window for the last message', async () => {
    const claim = () =>
      as({ role: 'MEMBER', memberId: 'w1' }, 'mutation { claimCoupon(offerId: "o-welcome") { id } }');
    ok(await claim());
    ok(await claim());
    const order = (orderId: string, placedAt: Date) => w.completed(orderId, 'w1', placedAt);
    const welcomedAt = new Date('2026-03-10T02:00:00.000Z');
    await order('ord-1', new Date(welcomedAt.getTime() + 2 * 24 * HOUR));
    await order('ord-1', new Date(welcomedAt.getTime() + 2 * 24 * HOUR)); // redelivered
    await order('ord-2', new Date(welcomedAt.getTime() + 3 * 24 * HOUR)); // the welcome counted one purchase already
    expect((await funnel('welcome')).funnel).toMatchObject({ couponsClaimed: 2, purchased: 1 });
    expect((await funnel('welcome')).funnelAt).toMatchObject({ couponsClaimed: 2, purchased: 1 });
  });

  it('a purchase after the window is not the campaign’s', async () => {
    await w.completed('ord-late', 'w3', new Date('2026-03-30T02:00:00.000Z'));
    expect((await funnel('thanks')).funnel.purchased).toBe(0);
  });

  it('a campaign coupon used on an order counts that purchase for its campaign, once, whatever touched the member last', async () => {
    const w3: Who = { role: 'MEMBER', memberId: 'w3' };
    const { code: couponCode } = ok<{ claimCoupon: { code: string } }>(
      await as(w3, 'mutation { claimCoupon(offerId: "o-welcome") { code } }'),
    ).claimCoupon;
    const before = (await funnel('welcome')).funnel.purchased;
    // the POS feed: the till took the coupon on receipt ord-pos-1 (its replay redeems nothing twice)
    const redeem = () =>
      as(
        { role: 'SYSTEM' },
        'mutation($c: String!) { redeemCoupon(code: $c, storeId: "s1", orderId: "ord-pos-1") { redeemedAt } }',
        { c: couponCode },
      );
    ok(await redeem());
    ok(await redeem());
    await w.completed('ord-pos-1', 'w3', clock.now()); // the thanks message was w3's last touch
    expect((await funnel('welcome')).funnel.purchased).toBe(before + 1);
    expect((await funnel('thanks')).funnel.purchased).toBe(0);
  });

  it('staff read funnels; a clerk only its own store’s', async () => {
    const clerk: Who = { role: 'CLERK', storeId: 's1' };
    expect((await funnel('welcome', 's1', clerk)).funnelAt.joined).toBe(3);
    expect(
      code(await as(clerk, 'query { campaign(id: "welcome") { funnelAt(storeId: "s2") { sent } } }')),
    ).toBe('FORBIDDEN');
    expect(
      code(await as({ role: 'MEMBER', memberId: 'w1' }, 'query { campaign(id: "welcome") { id } }')),
    ).toBe('FORBIDDEN');
  });

  it('counts clicks and shares once per member, and a member who joins through a share credits the sharer', async () => {
    const track = (memberId: string, action: string, sharerId?: string) =>
      as(
        { role: 'MEMBER', memberId },
        'mutation($a: CampaignAction!, $s: ID) { trackCampaign(campaignId: "welcome", action: $a, sharerId: $s) }',
        { a: action, s: sharerId },
      );
    const counted = async (memberId: string, action: string, sharerId?: string) =>
      ok<{ trackCampaign: boolean }>(await track(memberId, action, sharerId)).trackCampaign;
    expect(await counted('w1', 'CLICKED')).toBe(true);
    expect(await counted('w1', 'CLICKED')).toBe(false);
    expect(code(await track('w4', 'JOINED_VIA_SHARE', 'w3'))).toBe('BAD_USER_INPUT'); // w3 has not shared it
    expect(await counted('w3', 'SHARED')).toBe(true);
    const before = (await funnel('welcome')).funnel.joined;
    expect(await counted('w4', 'JOINED_VIA_SHARE', 'w3')).toBe(true);
    expect(await counted('w4', 'JOINED_VIA_SHARE', 'w3')).toBe(false);
    expect(await counted('w4', 'CLICKED')).toBe(true);
    expect((await funnel('welcome')).funnel).toMatchObject({ joined: before + 1, clicked: 2, shared: 1 });
    expect(code(await track('w2', 'JOINED_VIA_SHARE', 'w2'))).toBe('BAD_USER_INPUT');
    expect(
      code(
        await as(
          { role: 'MEMBER', memberId: 'w1' },
          'mutation { trackCampaign(campaignId: "nope", action: CLICKED) }',
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      code(
        await as(
          { role: 'CLERK', storeId: 's1' },
          'mutation { trackCampaign(campaignId: "welcome", action: CLICKED) }',
        ),
      ),
    ).toBe('FORBIDDEN');
  });
  it('counts the points earned on an attributed purchase, once, whichever arrives first', async () => {
    const points = (memberId: string, orderId: string, delta: number, pending: number, id: string) =>
      w.env.deliver(
        'points.changed',
        { memberId, entryId: `e-${id}`, kind: 'EARN', delta, balance: delta, orderId, pending },
        { id: `points-${id}` },
      );
    const awarded = async (id: string) =>
      ok<{ campaign: { funnel: { pointsAwarded: number } } }>(
        await as(HQ, 'query($id: ID!) { campaign(id: $id) { funnel { pointsAwarded } } }', { id }),
      ).campaign.funnel.pointsAwarded;
    await points('w1', 'ord-1', 20, 100, 'a'); // ord-1 counted for the welcome
    await points('w1', 'ord-1', 20, 100, 'a'); // redelivered
    await points('w1', 'ord-2', 50, 0, 'b'); // no campaign's purchase
    expect(await awarded('welcome')).toBe(120);
    // the points before the purchase is attributed (to the thanks message, w3's last touch)
    await points('w3', 'ord-early', 0, 30, 'c');
    await w.completed('ord-early', 'w3', clock.now());
    expect(await awarded('thanks')).toBe(30);
    expect(await awarded('welcome')).toBe(120);
  });
});
