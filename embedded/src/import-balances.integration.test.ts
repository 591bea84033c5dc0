import { postGraphQL, testToken } from '@zhongtai/subgraph-kit';
import type { Platform } from './platform.js';
import { startTestPlatform, systemCallers } from './test-platform.js';

/**
 * `importOpeningBalances` (issue "Performance": legacy balances imported in batches) through the
 * gateway: a batch ends as importing the same balances one by one does — the same answers (a replay
 * changes nothing, another balance for the same member and source is a CONFLICT, a member that does not
 * exist is NOT_FOUND in its row), the same balances — and only SYSTEM may call it.
 */
let platform: Platform;
const callers = systemCallers(() => platform, ['batch', 'single']);
const { token, gql } = callers;
beforeAll(async () => {
  platform = await startTestPlatform();
  await callers.sign();
});
afterAll(() => platform.stop());

const asOf = '2026-06-01T00:00:00.000Z';
const IDENTIFY = 'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }';
const ONE = 'mutation($i: OpeningBalanceInput!) { importOpeningBalance(input: $i) { id } }';
const MANY =
  'mutation($i: [OpeningBalanceInput!]!) { importOpeningBalances(inputs: $i) { memberId entryId code message } }';
const BALANCE = 'query($id: ID!) { member(id: $id) { points { balance } } }';

/** 20 members' balances (some zero), one sent twice, one sent again with another balance, one for nobody */
async function rowsOf(tenant: string) {
  const ids: string[] = [];
  for (let i = 0; i < 20; i++)
    ids.push(
      (
        await gql<{ identifyMember: { member: { id: string } } }>(tenant, IDENTIFY, {
          i: { channel: 'STORE', externalId: `crm-${i}` },
        })
      ).identifyMember.member.id,
    );
  const row = (i: number, points = i % 5 === 0 ? 0 : 100 * i) => ({
    memberId: ids[i],
    points,
    source: 'crm',
    legacyRef: `crm-${i}`,
    asOf,
  });
  return {
    ids,
    rows: [
      ...ids.map((_, i) => row(i)),
      row(3),
      row(4, 999),
      { memberId: 'nobody', points: 5, source: 'crm', legacyRef: 'x', asOf },
    ],
  };
}

it('imports a batch of balances as one by one, each refusal in its row', async () => {
  const batch = await rowsOf('batch');
  const single = await rowsOf('single');
  const answers = (
    await gql<{ importOpeningBalances: Array<{ entryId: string | null; code: string | null }> }>(
      'batch',
      MANY,
      {
        i: batch.rows,
      },
    )
  ).importOpeningBalances;
  const one: Array<string | null> = [];
  for (const i of single.rows) {
    const r = await postGraphQL(platform.gatewayUrl, ONE, { i }, token.single);
    one.push(r.errors?.length ? String(r.errors[0].extensions?.code) : null);
  }
  expect(answers.map((a) => a.code)).toEqual(one);
  expect(answers.slice(-3).map((a) => a.code)).toEqual([null, 'CONFLICT', 'NOT_FOUND']);
  // the replay answers the entry of the first time; a zero balance has none
  expect(answers[20].entryId).toBe(answers[3].entryId);
  expect(answers[0]).toMatchObject({ entryId: null, code: null });
  await platform.drain();
  const balances = (tenant: string, ids: string[]) =>
    Promise.all(
      ids.map(
        async (id) =>
          (await gql<{ member: { points: { balance: number } } }>(tenant, BALANCE, { id })).member,
      ),
    );
  expect(await balances('batch', batch.ids)).toEqual(await balances('single', single.ids));
  expect((await balances('batch', [batch.ids[4]]))[0].points.balance).toBe(400);
  // and the same batch again changes nothing
  const again = (
    await gql<{ importOpeningBalances: Array<{ entryId: string | null; code: string | null }> }>(
      'batch',
      MANY,
      {
        i: batch.rows,
      },
    )
  ).importOpeningBalances;
  expect(again).toEqual(answers);
  expect(await balances('batch', batch.ids)).toEqual(await balances('single', single.ids));
});

it('is for SYSTEM only, and refuses more than 500 at once', async () => {
  const hq = await testToken({ role: 'HQ', tenant: 'batch' });
  const r = await postGraphQL(platform.gatewayUrl, MANY, { i: [] }, hq);
  expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const many = Array.from({ length: 501 }, (_, i) => ({
    memberId: `m-${i}`,
    points: 1,
    source: 'crm',
    legacyRef: `r-${i}`,
    asOf,
  }));
  const big = await postGraphQL(platform.gatewayUrl, MANY, { i: many }, token.batch);
  expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
