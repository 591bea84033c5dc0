import { ManualClock, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';
import type { CampaignDoc, CouponDoc } from './domain/records.js';
import { HQ, type Who, contentWorld } from './testing/content-world.js';

/**
 * The content subgraph through its HTTP API, as the gateway calls it: every decision on who may
 * call what is policy.ts's (the services check nothing).
 */
const clock = new ManualClock('2026-03-10T00:00:00.000Z');
const w = contentWorld({
  clock,
  scopes: {
    members: {
      'm-own': { storeIds: ['store-sh-001'] },
      'm-old': { storeIds: ['store-sh-001'], rootId: 'm-own' },
      'm-other': { storeIds: ['store-bj-001'] },
    },
    stores: { 'store-sh-001': 'east', 'store-bj-001': 'north' },
  },
});
const as = w.as;

const UPSERT =
  'mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id kind title body channels } }';
const item = (id: string, x: Record<string, unknown> = {}) => ({
  id,
  kind: 'PROMOTION',
  title: `title ${id}`,
  body: `body ${id}`,
  channels: ['APP'],
  ...x,
});
const COUPONS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member {
  coupons { id code claimedAt redeemedAt offer { id kind title } } } } }`;
type Coupons = {
  _entities: Array<{ coupons: Array<{ id: string; code: string; offer: { id: string } }> } | null>;
};
const coupons = (memberId: string, who: Who) =>
  as(who, COUPONS, { r: [{ __typename: 'Member', id: memberId }] });
/** a coupon as a claim writes it; its public id is `${offerId}|${claimedBy}` (here `offer-1|c-1`) */
const coupon = (id: string, memberId: string, offerId: string, day: number): CouponDoc => ({
  _id: `demo|${offerId}|${id}`,
  tenant: 'demo',
  memberId,
  claimedBy: id,
  offerId,
  code: `CODE-${id}`,
  codeKey: `CODE${id}`,
  claimedAt: new Date(`2026-03-0${day}T00:00:00.000Z`),
  validUntil: new Date('2026-04-30T15:59:59.999Z'),
});

beforeAll(async () => {
  for (const [i, x] of [
    item('offer-1', { kind: 'COUPON_OFFER' }),
    item('article-1', { kind: 'ARTICLE', channels: ['APP', 'WECHAT'] }),
    item('promo-1', { channels: ['WECHAT'] }),
  ].entries()) {
    clock.set(`2026-03-0${i + 1}T00:00:00.000Z`);
    ok(await as(HQ, UPSERT, { i: x }));
  }
  await w.deps.db
    .collection<CouponDoc>('coupons')
    .insertMany([
      coupon('c-1', 'm-own', 'offer-1', 1),
      coupon('c-2', 'm-own', 'offer-1', 2),
      coupon('c-gone', 'm-own', 'offer-withdrawn', 3),
      coupon('c-old', 'm-old', 'offer-1', 1),
      coupon('c-other', 'm-other', 'offer-1', 1),
    ]);
  await w.deps.db.collection<CampaignDoc>('campaigns').insertOne({
    _id: 'demo|camp-1',
    tenant: 'demo',
    campaignId: 'camp-1',
    name: 'Spring',
    funnel: {
      sent: 100,
      clicked: 40,
      shared: 10,
      joined: 8,
      couponsClaimed: 6,
      purchased: 4,
      pointsAwarded: 400,
    },
  });
});

describe('content items', () => {
  it('upsertContentItem answers the item as written; HQ and SYSTEM only', async () => {
    const i = item('promo-2', { title: 'Spring sale', channels: ['APP', 'STORE'] });
    const r = ok<{ upsertContentItem: unknown }>(await as({ role: 'SYSTEM' }, UPSERT, { i }));
    expect(r.upsertContentItem).toEqual(i);
    for (const role of ['MEMBER', 'CLERK', 'STORE_MANAGER'] as const)
      expect(
        code(await as({ role, memberId: 'm-own', storeId: 'store-sh-001', region: 'east' }, UPSERT, { i })),
      ).toBe('FORBIDDEN');
  });

  it('refuses an item without a title or a channel', async () => {
    expect(code(await as(HQ, UPSERT, { i: item('x', { title: ' ' }) }))).toBe('BAD_USER_INPUT');
    expect(code(await as(HQ, UPSERT, { i: item('x', { channels: [] }) }))).toBe('BAD_USER_INPUT');
  });

  it('resolves references for every role (unknown ids: null), one query for all', async () => {
    const before = w.api.requests.length;
    const r = await as(
      { role: 'MEMBER', memberId: 'm-own' },
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on ContentItem { id kind title channels } } }',
      { r: ['article-1', 'nope', 'offer-1'].map((id) => ({ __typename: 'ContentItem', id })) },
    );
    expect(ok<{ _entities: unknown[] }>(r)._entities).toEqual([
      { id: 'article-1', kind: 'ARTICLE', title: 'title article-1', channels: ['APP', 'WECHAT'] },
      null,
      { id: 'offer-1', kind: 'COUPON_OFFER', title: 'title offer-1', channels: ['APP'] },
    ]);
    expect(w.api.requests.slice(before).map((s) => s.dbRoundTrips)).toEqual([1]);
  });

  it('the feed of a channel is its newest content first, bounded by first', async () => {
    const feed = async (channel: string, first?: number) =>
      ok<{ _entities: Array<{ feed: Array<{ id: string }> }> }>(
        await as(
          { role: 'MEMBER', memberId: 'm-own' },
          `query($r: [_Any!]!, $c: Channel!, $f: Int) { _entities(representations: $r) { ... on Member { feed(channel: $c, first: $f) { id } } } }`,
          { r: [{ __typename: 'Member', id: 'm-own' }], c: channel, f: first },
        ),
      )._entities[0].feed.map((i) => i.id);
    expect(await feed('WECHAT')).toEqual(['promo-1', 'article-1']);
    expect(await feed('WECHAT', 1)).toEqual(['promo-1']);
    expect(await feed('STORE')).toEqual(['promo-2']);
  });

  it('the feed of another member is refused to a member', async () =>
    expect(
      code(
        await as(
          { role: 'MEMBER', memberId: 'm-own' },
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { feed(channel: APP) { id } } } }',
          { r: [{ __typename: 'Member', id: 'm-other' }] },
        ),
      ),
    ).toBe('FORBIDDEN'));
});

describe('a member reads its own coupons, nobody else’s', () => {
  it('its own, latest claimed first, each with its offer; a coupon whose offer is gone is left out', async () => {
    const r = ok<Coupons>(await coupons('m-own', { role: 'MEMBER', memberId: 'm-own' }));
    expect(r._entities[0]!.coupons).toEqual([
      {
        id: 'offer-1|c-2',
        code: 'CODE-c-2',
        claimedAt: '2026-03-02T00:00:00.000Z',
        redeemedAt: null,
        offer: { id: 'offer-1', kind: 'COUPON_OFFER', title: 'title offer-1' },
      },
      {
        id: 'offer-1|c-1',
        code: 'CODE-c-1',
        claimedAt: '2026-03-01T00:00:00.000Z',
        redeemedAt: null,
        offer: { id: 'offer-1', kind: 'COUPON_OFFER', title: 'title offer-1' },
      },
    ]);
  });

  it('another member’s: FORBIDDEN, nothing of theirs in the answer', async () => {
    const r = await coupons('m-other', { role: 'MEMBER', memberId: 'm-own' });
    expect(code(r)).toBe('FORBIDDEN');
    expect((r.data as Coupons | undefined)?._entities[0] ?? null).toBeNull();
    expect(JSON.stringify(r)).not.toContain('c-other');
  });

  it('an id merged into it is itself (R-AN-3); a stranger gets FORBIDDEN for it', async () => {
    const mine = ok<Coupons>(await coupons('m-old', { role: 'MEMBER', memberId: 'm-own' }));
    expect(mine._entities[0]!.coupons.map((c) => c.id)).toEqual(['offer-1|c-old']);
    expect(code(await coupons('m-old', { role: 'MEMBER', memberId: 'm-other' }))).toBe('FORBIDDEN');
  });

  it('staff within their scope only; HQ the tenant', async () => {
    const ids = async (memberId: string, who: Who) =>
      ok<Coupons>(await coupons(memberId, who))._entities[0]!.coupons.map((c) => c.id);
    expect(await ids('m-own', { role: 'CLERK', storeId: 'store-sh-001' })).toEqual([
      'offer-1|c-2',
      'offer-1|c-1',
    ]);
    expect(code(await coupons('m-other', { role: 'CLERK', storeId: 'store-sh-001' }))).toBe('FORBIDDEN');
    expect(await ids('m-other', { role: 'STORE_MANAGER', region: 'north' })).toEqual(['offer-1|c-other']);
    expect(code(await coupons('m-own', { role: 'STORE_MANAGER', region: 'north' }))).toBe('FORBIDDEN');
    expect(await ids('m-other', HQ)).toEqual(['offer-1|c-other']);
  });
});

describe('campaigns', () => {
  const CAMPAIGN =
    'query($id: ID!) { campaign(id: $id) { id name funnel { sent clicked shared joined couponsClaimed purchased pointsAwarded } } }';

  it('staff read a campaign and its funnel; unknown: null', async () => {
    const r = ok<{ campaign: unknown }>(
      await as({ role: 'CLERK', storeId: 'store-sh-001' }, CAMPAIGN, { id: 'camp-1' }),
    );
    expect(r.campaign).toEqual({
      id: 'camp-1',
      name: 'Spring',
      funnel: {
        sent: 100,
        clicked: 40,
        shared: 10,
        joined: 8,
        couponsClaimed: 6,
        purchased: 4,
        pointsAwarded: 400,
      },
    });
    expect(ok<{ campaign: unknown }>(await as(HQ, CAMPAIGN, { id: 'nope' })).campaign).toBeNull();
  });

  it('a member may not', async () =>
    expect(code(await as({ role: 'MEMBER', memberId: 'm-own' }, CAMPAIGN, { id: 'camp-1' }))).toBe(
      'FORBIDDEN',
    ));
});
