import type { Claims } from '@zhongtai/contracts';
import {
  ManualClock,
  type ScopeWorld,
  type ServedForTest,
  type ServiceCall,
  type TestEnv,
  answerAccessScopes,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import type { SurveyDoc, TicketDoc } from './domain/records.js';
import { createCustomerServiceSubgraph } from './index.js';

/**
 * Who reads a member's tickets and surveys is decided by `Member.tickets` / `Member.surveys` in
 * policy.ts alone (the services check nothing): these tests call the subgraph as the gateway would,
 * with each role's token, and see what comes back.
 */
let env: TestEnv;
let api: ServedForTest;
const clock = new ManualClock('2026-03-10T00:00:00.000Z');
const HOUR = 3600 * 1000;
const at = (hoursFromNow: number) => new Date(clock.now().getTime() + hoursFromNow * HOUR);

/** the member center's facts: `m-old` was merged into `m-own` */
const scopes: ScopeWorld = {
  members: {
    'm-own': { storeIds: ['store-sh-001'] },
    'm-old': { storeIds: ['store-sh-001'], rootId: 'm-own' },
    'm-other': { storeIds: ['store-bj-001'] },
  },
  stores: { 'store-sh-001': 'east', 'store-bj-001': 'north' },
};
const call: ServiceCall = async <T>(_t: string, query: string, variables?: Record<string, unknown>) =>
  answerAccessScopes(scopes, query, variables) as T;

const ticket = (id: string, memberId: string, x: Partial<TicketDoc> = {}): TicketDoc => ({
  _id: id,
  tenant: 'demo',
  memberId,
  originalMemberId: memberId,
  orderId: null,
  storeId: 'store-sh-001',
  surveyId: null,
  source: 'STAFF',
  status: 'OPEN',
  subject: `complaint ${id}`,
  openedAt: at(-100),
  firstResponseAt: null,
  slaMs: 72 * HOUR,
  pausedMs: 0,
  waitingSince: null,
  messages: [],
  escalations: [],
  resolvedAt: null,
  resolution: null,
  version: 0,
  dueAt: null,
  attempts: 0,
  leaseUntil: null,
  leaseOwner: null,
  ...x,
});
const survey = (id: string, memberId: string, hoursFromNow: number): SurveyDoc => ({
  _id: id,
  tenant: 'demo',
  memberId,
  originalMemberId: memberId,
  orderId: `order-${id}`,
  storeId: null,
  attributedTo: null,
  campaignId: null,
  category: 'drinks',
  status: 'SENT',
  scheduledFor: at(hoursFromNow),
  sentAt: null,
  sentVia: null,
  expiresAt: null,
  score: null,
  comment: null,
  answeredAt: null,
  tags: [],
  followUp: null,
  dueAt: null,
  attempts: 0,
  leaseUntil: null,
  leaseOwner: null,
});

const CARE = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member {
  id tickets { id status breached member { id } order { id } store { id } } surveys { totalCount nodes { id } } } } }`;
type Care = {
  _entities: Array<{
    id: string;
    tickets: Array<{ id: string; status: string; breached: boolean }>;
    surveys: { totalCount: number; nodes: Array<{ id: string }> };
  } | null>;
};
const care = async (memberId: string, claims: Partial<Claims> & Pick<Claims, 'role'>) =>
  api.query<Care>(CARE, { r: [{ __typename: 'Member', id: memberId }] }, await testToken(claims));
const ids = (r: Awaited<ReturnType<typeof care>>) => {
  expect(r.errors).toBeUndefined();
  const m = r.data!._entities[0]!;
  return { tickets: m.tickets.map((t) => t.id), surveys: m.surveys.nodes.map((s) => s.id) };
};
const forbidden = (r: Awaited<ReturnType<typeof care>>) => {
  expect(r.data?._entities[0] ?? null).toBeNull();
  expect(r.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
};

beforeAll(async () => {
  env = await startTestEnv();
  const deps = { ...(await env.deps('customer-service', clock)), call };
  const subgraph = await createCustomerServiceSubgraph(deps);
  api = await serveForTest(subgraph);
  await deps.db.collection<TicketDoc>('tickets').insertMany([
    ticket('t-late', 'm-own'),
    ticket('t-done', 'm-own', { status: 'RESOLVED', openedAt: at(-200), resolvedAt: at(-150) }),
    ticket('t-fresh', 'm-own', {
      status: 'WAITING_ON_CUSTOMER',
      openedAt: at(-1),
      orderId: 'o-1',
    }),
    ticket('t-merged', 'm-old'),
    ticket('t-other', 'm-other', { storeId: 'store-bj-001' }),
  ]);
  await deps.db
    .collection<SurveyDoc>('surveys')
    .insertMany([
      survey('s-1', 'm-own', -48),
      survey('s-2', 'm-own', 24),
      survey('s-merged', 'm-old', -1),
      survey('s-other', 'm-other', -1),
    ]);
});
afterAll(async () => {
  await api.close();
  await env.close();
});

describe('a member reads its own tickets and surveys, nobody else’s', () => {
  it('its own, newest first, mapped with the SLA as of now', async () => {
    const r = await care('m-own', { role: 'MEMBER', memberId: 'm-own' });
    expect(ids(r)).toEqual({ tickets: ['t-fresh', 't-late', 't-done'], surveys: ['s-2', 's-1'] });
    const m = r.data!._entities[0]!;
    expect(m.tickets).toEqual([
      {
        id: 't-fresh',
        status: 'WAITING_ON_CUSTOMER',
        breached: false,
        member: { id: 'm-own' },
        order: { id: 'o-1' },
        store: { id: 'store-sh-001' },
      },
      {
        id: 't-late',
        status: 'OPEN',
        breached: true,
        member: { id: 'm-own' },
        order: null,
        store: { id: 'store-sh-001' },
      },
      {
        id: 't-done',
        status: 'RESOLVED',
        breached: false,
        member: { id: 'm-own' },
        order: null,
        store: { id: 'store-sh-001' },
      },
    ]);
    expect(m.surveys.totalCount).toBe(2);
  });

  it('another member’s: FORBIDDEN, nothing of theirs in the answer', async () => {
    const r = await care('m-other', { role: 'MEMBER', memberId: 'm-own' });
    forbidden(r);
    expect(JSON.stringify(r)).not.toMatch(/t-other|s-other/);
  });

  it('an id merged into it is itself (R-AN-3: any id of its merge group)', async () => {
    expect(ids(await care('m-old', { role: 'MEMBER', memberId: 'm-own' }))).toEqual({
      tickets: ['t-merged'],
      surveys: ['s-merged'],
    });
  });

  it('the merged member’s old id does not reach a stranger', async () =>
    forbidden(await care('m-old', { role: 'MEMBER', memberId: 'm-other' })));

  it('a single field is refused on its own, the same way', async () => {
    const r = await api.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { surveys { totalCount } } } }',
      { r: [{ __typename: 'Member', id: 'm-other' }] },
      await testToken({ role: 'MEMBER', memberId: 'm-own' }),
    );
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('staff read within their scope', () => {
  it('a clerk reads the members of its store, not another store’s', async () => {
    expect(ids(await care('m-own', { role: 'CLERK', storeId: 'store-sh-001' })).tickets).toHaveLength(3);
    forbidden(await care('m-other', { role: 'CLERK', storeId: 'store-sh-001' }));
  });

  it('a store manager reads its region, not another region', async () => {
    expect(ids(await care('m-other', { role: 'STORE_MANAGER', region: 'north' })).tickets).toEqual([
      't-other',
    ]);
    forbidden(await care('m-other', { role: 'STORE_MANAGER', region: 'east' }));
  });

  it('HQ and SYSTEM read the whole tenant', async () => {
    expect(ids(await care('m-other', { role: 'HQ' })).surveys).toEqual(['s-other']);
    expect(ids(await care('m-own', { role: 'SYSTEM' })).tickets).toHaveLength(3);
  });
});

describe('reading', () => {
  const system = () => testToken({ role: 'SYSTEM' });

  it('open: true keeps open tickets (waiting on the customer included), false the resolved ones', async () => {
    const q = (open: boolean) =>
      `{ _entities(representations: [{ __typename: "Member", id: "m-own" }]) { ... on Member { tickets(open: ${open}) { id } } } }`;
    const open = await api.query<{ _entities: Array<{ tickets: Array<{ id: string }> }> }>(
      q(true),
      {},
      await system(),
    );
    expect(open.data!._entities[0].tickets.map((t) => t.id)).toEqual(['t-fresh', 't-late']);
    const resolved = await api.query<{ _entities: Array<{ tickets: Array<{ id: string }> }> }>(
      q(false),
      {},
      await system(),
    );
    expect(resolved.data!._entities[0].tickets.map((t) => t.id)).toEqual(['t-done']);
  });

  it('pages surveys with first/after', async () => {
    type Page = {
      _entities: Array<{
        surveys: { totalCount: number; nodes: Array<{ id: string }>; pageInfo: { endCursor: string } };
      }>;
    };
    const Q =
      'query($after: String) { _entities(representations: [{ __typename: "Member", id: "m-own" }]) { ... on Member { surveys(first: 1, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } } }';
    const first = await api.query<Page>(Q, {}, await system());
    expect(first.data!._entities[0].surveys).toMatchObject({ totalCount: 2, nodes: [{ id: 's-2' }] });
    const next = await api.query<Page>(
      Q,
      { after: first.data!._entities[0].surveys.pageInfo.endCursor },
      await system(),
    );
    expect(next.data!._entities[0].surveys).toMatchObject({
      nodes: [{ id: 's-1' }],
      pageInfo: { hasNextPage: false },
    });
  });

  it('the tickets and surveys of several members cost one query each', async () => {
    const before = api.requests.length;
    const r = await api.query<Care>(
      CARE,
      {
        r: ['m-own', 'm-old', 'm-other'].map((id) => ({ __typename: 'Member', id })),
      },
      await system(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!._entities.map((m) => m!.tickets.length)).toEqual([3, 1, 1]);
    expect(api.requests.slice(before).map((s) => s.dbRoundTrips)).toEqual([2]);
  });
});
