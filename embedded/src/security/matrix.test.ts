import { readFileSync, writeFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { format, resolveConfig } from 'prettier';
import { type Claims, type Role, ROLES, SUPERGRAPH_DIR } from '@zhongtai/contracts';
import { type Policy, policyTable, postGraphQL, testToken } from '@zhongtai/subgraph-kit';
import type { Platform } from '../platform.js';
import { startTestPlatform } from '../test-platform.js';
import { CALLS, SURVEY_TEMPLATE, type Target } from './operations.js';

/**
 * The role × operation matrix, generated from the composed API: every root field and mutation,
 * every role, a target in the caller's scope and one outside it, through the gateway as a client
 * would call it. What each cell must answer comes from the operation's declared policy (the same
 * declaration the subgraph enforces), so the matrix proves the declaration cannot be got around;
 * the money operations are also pinned by hand below. Every refused write is followed by a check
 * that balances, ledgers, orders, merges, tags, consents, tickets and surveys of the target did not
 * move.
 */
type Gql = Awaited<ReturnType<typeof postGraphQL>>;
type Cell = 'allowed' | 'forbidden' | 'hidden';

const IN_STORE = 'store-sh-001'; // region east
const OUT_STORE = 'store-bj-001'; // region north
const CLAIMS: Record<Role, Partial<Claims>> = {
  MEMBER: {},
  CLERK: { storeId: IN_STORE },
  STORE_MANAGER: { region: 'east' },
  HQ: {},
  SYSTEM: {},
};

let platform: Platform;
let system: string;
let policies: Record<string, Policy>;
let outside: Target;
let seq = 0;

const gql = (query: string, variables: Record<string, unknown> | undefined, token: string) =>
  postGraphQL(platform.gatewayUrl, query, variables, token);
async function must<T>(query: string, variables: Record<string, unknown>, token = system): Promise<T> {
  const r = await gql(query, variables, token);
  if (r.errors?.length) throw new Error(`fixture: ${r.errors[0].message}`);
  return r.data as T;
}

/**
 * Two members of `storeId` (the first with a phone, points, an order there with the survey it
 * scheduled, and a ticket there).
 */
async function fixture(storeId: string): Promise<Target> {
  const n = ++seq;
  const identity = { channel: 'STORE', externalId: `matrix-card-${n}` };
  const phone = `139${String(10_000_000 + n * 7919).slice(-8)}`;
  const identify = (i: Record<string, unknown>) =>
    must<{ identifyMember: { member: { id: string } } }>(
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      { i: { ...i, storeId } },
    ).then((d) => d.identifyMember.member.id);
  const memberId = await identify({ ...identity, phone });
  const otherMemberId = await identify({ channel: 'APP', externalId: `matrix-app-${n}` });
  await must('mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id } }', {
    i: { memberId, points: 1000, source: 'fixture', idempotencyKey: `fixture-${n}` },
  });
  await must('mutation($m: ID!) { tagMember(memberId: $m, tag: "fixture") { id } }', { m: memberId });
  const orderExternalId = `matrix-order-${n}`;
  const o = await must<{ ingestOrder: { order: { id: string } } }>(
    'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { id } } }',
    {
      i: {
        source: 'fixture',
        externalId: orderExternalId,
        channel: 'STORE',
        storeId,
        buyer: { ...identity, storeId },
        lines: [{ sku: 'SKU-0001', quantity: 2, unitPrice: 2500 }],
        placedAt: new Date().toISOString(),
      },
    },
  );
  await platform.drain(10_000);
  const orderId = o.ingestOrder.order.id;
  const t = await must<{ openTicket: { id: string } }>(
    'mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }',
    { i: { memberId, subject: 'fixture', storeId, idempotencyKey: `matrix-${memberId}` } },
  );
  // the order's category has a survey template: order.completed scheduled a survey of the order
  const m = await must<{ member: { surveys: { nodes: Array<{ id: string; order: { id: string } }> } } }>(
    'query($m: ID!) { member(id: $m) { surveys { nodes { id order { id } } } } }',
    { m: memberId },
  );
  const survey = m.member.surveys.nodes.find((s) => s.order.id === orderId);
  if (!survey) throw new Error(`fixture: no survey scheduled for order ${orderId}`);
  return {
    memberId,
    otherMemberId,
    phone,
    identity,
    storeId,
    orderId,
    orderExternalId,
    ticketId: t.openTicket.id,
    surveyId: survey.id,
  };
}

/**
 * What a refused write must leave untouched (a survey's status is left out: the scheduler sends it
 * whenever it is due; an answer shows in its score and answeredAt).
 */
async function snapshot(t: Target): Promise<string> {
  const d = await must(
    `query($ids: [ID!]!, $m: ID!, $o: ID!) {
      membersByIds(ids: $ids) { id tags { name } consents { channel granted }
        points { balance pending lifetimeEarned history(first: 1) { totalCount } }
        growth { value plus { endsAt } } orderStats { orderCount totalSpent { amount } }
        tickets { id status subject firstResponseAt resolvedAt }
        surveys { totalCount nodes { id score comment answeredAt } } }
      memberMerges(memberId: $m) { id undoneAt }
      order(id: $o) { status total { amount } } }`,
    { ids: [t.memberId, t.otherMemberId], m: t.memberId, o: t.orderId },
  );
  return JSON.stringify(d);
}

/** The answer a cell must give, from the declared policy. */
function expected(policy: Policy, role: Role, scope: 'in' | 'out', targeted: boolean): Cell {
  if (!policy.roles.includes(role)) return 'forbidden';
  if (role === 'HQ' || role === 'SYSTEM' || scope === 'in' || !targeted) return 'allowed';
  if (!policy.target && !policy.result) return 'allowed';
  return policy.target && policy.denied !== 'null' ? 'forbidden' : 'hidden';
}

function tokenFor(role: Role, member: Target): Promise<string> {
  return testToken({
    role,
    ...CLAIMS[role],
    ...(role === 'MEMBER' ? { memberId: member.memberId } : {}),
    sub: `matrix-${role.toLowerCase()}`,
  } as Claims);
}

const codes = (r: Gql) => (r.errors ?? []).map((e) => e.extensions?.code);

beforeAll(async () => {
  platform = await startTestPlatform({
    dbPrefix: `matrix${Date.now()}`,
  });
  system = await testToken({ role: 'SYSTEM' });
  for (const [id, region] of [
    [IN_STORE, 'east'],
    ['store-sh-002', 'east'],
    [OUT_STORE, 'north'],
  ])
    await must('mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }', {
      i: { id, name: id, region },
    });
  await must('mutation { upsertSku(input: { code: "SKU-0001", name: "Tea", category: "c1" }) { code } }', {});
  // orders of that SKU schedule a survey (customer service learns the SKU's category by event)
  await must('mutation($i: SurveyTemplateInput!) { saveSurveyTemplate(input: $i) { category } }', {
    i: SURVEY_TEMPLATE,
  });
  await platform.drain(10_000);
  policies = Object.assign({}, ...Object.values(platform.subgraphs).map((s) => s.policies));
  outside = await fixture(OUT_STORE);
}, 60_000);
afterAll(async () => platform.stop());

const api = buildSchema(readFileSync(`${SUPERGRAPH_DIR}api.graphql`, 'utf8'));
const OPERATIONS = [api.getQueryType()!, api.getMutationType()!].flatMap((t) =>
  Object.keys(t.getFields()).map((f) => `${t.name}.${f}`),
);

describe('the role × operation matrix', () => {
  it('covers every operation of the composed API, each with a declared policy', () => {
    expect(OPERATIONS.filter((op) => !CALLS[op])).toEqual([]);
    expect(OPERATIONS.filter((op) => !policies[op])).toEqual([]);
    expect(Object.keys(CALLS).filter((op) => !OPERATIONS.includes(op))).toEqual([]);
  });

  it.each(OPERATIONS)(
    '%s answers every role as its policy says, and refused writes change nothing',
    async (op) => {
      const policy = policies[op];
      const write = op.startsWith('Mutation.');
      const failures: string[] = [];
      for (const role of ROLES) {
        for (const scope of ['in', 'out'] as const) {
          // a write may succeed: it gets a fresh target of its own; reads share the fixtures
          const target = scope === 'out' ? outside : await fixture(IN_STORE);
          const caller = scope === 'out' && role === 'MEMBER' ? await fixture(IN_STORE) : target;
          const call = CALLS[op](target);
          const cell = expected(policy, role, scope, call.targeted);
          // what an earlier allowed write set off (events: tags, follow-ups) settles before the snapshot
          if (write && cell !== 'allowed') await platform.drain(10_000);
          const before = write && cell !== 'allowed' ? await snapshot(target) : '';
          const r = await gql(call.query, call.variables, await tokenFor(role, caller));
          const got = codes(r);
          const where = `${op} ${role} ${scope}: expected ${cell}, got ${JSON.stringify(got)} ${JSON.stringify(r.data)}`;
          if (got.includes('UNAUTHENTICATED') || got.includes('INTERNAL_SERVER_ERROR')) failures.push(where);
          else if (cell === 'allowed' && got.includes('FORBIDDEN')) failures.push(where);
          else if (cell === 'forbidden' && !got.includes('FORBIDDEN')) failures.push(where);
          else if (cell === 'hidden' && (got.includes('FORBIDDEN') || leaks(r, target))) failures.push(where);
          if (before) {
            await platform.drain(10_000);
            if ((await snapshot(target)) !== before)
              failures.push(`${where}: the refused write changed state`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it("never lets a tenant's HQ reach another tenant's members, whatever the operation", async () => {
    const stranger = await testToken({ role: 'HQ', tenant: 'other-brand', sub: 'stranger' });
    const before = await snapshot(outside);
    const failures: string[] = [];
    for (const op of OPERATIONS) {
      const r = await gql(CALLS[op](outside).query, CALLS[op](outside).variables, stranger);
      if (leaks(r, outside)) failures.push(`${op}: ${JSON.stringify(r.data)}`);
    }
    await platform.drain(10_000);
    expect(failures).toEqual([]);
    expect(await snapshot(outside)).toBe(before);
    // and no balance is ever kept for a member its tenant does not know
    for (const op of ['Mutation.earnPoints', 'Mutation.adjustPoints', 'Mutation.purchasePlus']) {
      const call = CALLS[op](outside);
      expect(codes(await gql(call.query, call.variables, stranger))).toEqual(['NOT_FOUND']);
    }
  });
});

/** Whether an answer carries anything of the target member (its ids or phone). */
function leaks(r: Gql, t: Target): boolean {
  const text = JSON.stringify(r.data ?? null);
  return [t.memberId, t.otherMemberId, t.phone, t.phone.slice(-4) + '"'].some((s) => text.includes(s));
}

describe('the money operations, pinned by hand (R-PT-8)', () => {
  const pinned: Array<[string, Role, 'in' | 'out', Cell]> = [
    ['Mutation.redeemPoints', 'CLERK', 'out', 'forbidden'], // a clerk of bj redeems an sh member's points
    ['Mutation.earnPoints', 'STORE_MANAGER', 'out', 'forbidden'], // a north manager grants to the east
    ['Mutation.earnPoints', 'MEMBER', 'in', 'forbidden'],
    ['Mutation.purchasePlus', 'MEMBER', 'in', 'forbidden'], // a year of Plus for free
    ['Mutation.purchasePlus', 'CLERK', 'in', 'forbidden'],
    ['Mutation.adjustPoints', 'STORE_MANAGER', 'in', 'forbidden'],
    ['Mutation.mergeMembers', 'CLERK', 'in', 'forbidden'],
    ['Mutation.ingestOrder', 'CLERK', 'out', 'forbidden'],
    ['Mutation.refundOrder', 'CLERK', 'out', 'forbidden'],
    ['Mutation.redeemPoints', 'MEMBER', 'out', 'forbidden'],
    ['Mutation.redeemPoints', 'MEMBER', 'in', 'allowed'],
    ['Mutation.redeemPoints', 'CLERK', 'in', 'allowed'],
    ['Query.member', 'CLERK', 'out', 'hidden'],
  ];
  it.each(pinned)('%s by %s (%s scope): %s', (op, role, scope, cell) => {
    const call = CALLS[op]({ ...outside });
    expect(expected(policies[op], role, scope, call.targeted)).toBe(cell);
  });
});

describe('customer service, pinned by hand', () => {
  const pinned: Array<[string, Role, 'in' | 'out', Cell]> = [
    ['Mutation.submitSurveyAnswer', 'MEMBER', 'in', 'allowed'], // its own survey
    ['Mutation.submitSurveyAnswer', 'MEMBER', 'out', 'forbidden'], // another member's
    ['Mutation.submitSurveyAnswer', 'CLERK', 'in', 'forbidden'], // staff do not answer for the customer
    ['Mutation.resolveTicket', 'MEMBER', 'in', 'forbidden'],
    ['Mutation.resolveTicket', 'CLERK', 'out', 'forbidden'],
    ['Mutation.respondToTicket', 'MEMBER', 'out', 'forbidden'],
    ['Mutation.openTicket', 'CLERK', 'out', 'forbidden'],
    ['Query.ticket', 'CLERK', 'out', 'hidden'],
    ['Query.tickets', 'MEMBER', 'in', 'forbidden'],
    ['Query.tickets', 'STORE_MANAGER', 'out', 'forbidden'],
    ['Query.careSettings', 'STORE_MANAGER', 'in', 'forbidden'], // store contacts
    ['Mutation.saveSurveyTemplate', 'CLERK', 'in', 'forbidden'],
  ];
  it.each(pinned)('%s by %s (%s scope): %s', (op, role, scope, cell) => {
    const call = CALLS[op]({ ...outside });
    expect(expected(policies[op], role, scope, call.targeted)).toBe(cell);
  });
});

describe('the policy table of the README', () => {
  const README = new URL('../../../README.md', import.meta.url);
  const START = '<!-- policy-table:start (npm run policy:table) -->';
  const END = '<!-- policy-table:end -->';

  it('is the table the subgraphs enforce (npm run policy:table rewrites it)', async () => {
    const table = policyTable(
      Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.policies])),
    );
    const readme = readFileSync(README, 'utf8');
    const [head, rest] = readme.split(START);
    const tail = rest?.split(END)[1];
    expect(tail).toBeDefined();
    // formatted as `npm run format` leaves it, so prettier and this check agree
    const fresh = await format(`${head}${START}\n${table}\n${END}${tail}`, {
      ...(await resolveConfig(README.pathname)),
      filepath: README.pathname,
    });
    if (process.env.UPDATE_POLICY_TABLE === '1') writeFileSync(README, fresh);
    else expect(readme).toBe(fresh);
  });
});
