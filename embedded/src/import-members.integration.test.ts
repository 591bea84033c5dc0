import { postGraphQL } from '@zhongtai/subgraph-kit';
import { CommandCounter } from './command-count.js';
import type { Platform } from './platform.js';
import { startTestPlatform, systemCallers } from './test-platform.js';

/**
 * `identifyMembers` (issue "Performance": members imported in batches) through the gateway: a batch
 * whose new customers are created together ends as identifying the same rows one by one does — the
 * same answers, the same customers behind the same identities and phones, the same members joined
 * per store — and costs the member center a constant number of commands whatever its size.
 */
let platform: Platform;
const callers = systemCallers(() => platform, ['batch', 'single', 'count']);
const { token, gql } = callers;
beforeAll(async () => {
  platform = await startTestPlatform();
  await callers.sign();
});
afterAll(() => platform.stop());

const STORES = ['s1', 's2'];
type Input = { channel: string; externalId: string; phone?: string; storeId?: string; consents?: string[] };
/** new customers with and without phones, the same customer twice, two identities of one phone,
 *  a phone someone owns already, opt-ins, an unknown store and a blank id */
const rows: Input[] = [
  ...Array.from({ length: 30 }, (_, i) => ({
    channel: 'STORE',
    externalId: `card-${i}`,
    ...(i % 3 === 0 ? { phone: `1390000${String(1000 + i)}` } : {}),
    ...(i % 4 === 0 ? {} : { storeId: STORES[i % 2] }),
  })),
  { channel: 'STORE', externalId: 'card-5', storeId: 's2' },
  { channel: 'APP', externalId: 'app-1', phone: '13900001003' },
  { channel: 'APP', externalId: 'app-2', phone: '13800000001' },
  { channel: 'MINI_PROGRAM', externalId: 'mp-1', consents: ['WECHAT'], storeId: 's1' },
  { channel: 'STORE', externalId: 'card-x', storeId: 'nowhere' },
  { channel: 'STORE', externalId: ' ' },
];
const IDENTIFY = 'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }';
const IDENTIFY_MANY =
  'mutation($i: [IdentifyMemberInput!]!) { identifyMembers(inputs: $i) { memberId code message } }';
const VIEW = `query($c: Channel!, $e: String!) { memberByIdentity(channel: $c, externalId: $e) {
  phone joinedChannel joinedStore { id } identities { channel externalId } consents { channel granted } } }`;

async function prepare(tenant: string): Promise<void> {
  for (const id of STORES)
    await gql(
      tenant,
      'mutation($id: ID!) { upsertStore(input: { id: $id, name: "store", region: "east" }) { id } }',
      {
        id,
      },
    );
  // the phone's owner before the import
  await gql(tenant, IDENTIFY, { i: { channel: 'APP', externalId: 'owner', phone: '13800000001' } });
}

/** Which answers name the same member (as index pairs), and the refusals' codes by index. */
function shape(answers: Array<{ memberId: string | null; code: string | null }>) {
  const first = new Map<string, number>();
  return answers.map((a, i) => {
    if (!a.memberId) return a.code;
    if (!first.has(a.memberId)) first.set(a.memberId, i);
    return first.get(a.memberId);
  });
}

it('creates new customers together and ends as identifying them one by one', async () => {
  await prepare('batch');
  await prepare('single');
  const batch = (
    await gql<{ identifyMembers: Array<{ memberId: string | null; code: string | null }> }>(
      'batch',
      IDENTIFY_MANY,
      {
        i: rows,
      },
    )
  ).identifyMembers;
  const single: Array<{ memberId: string | null; code: string | null }> = [];
  for (const i of rows) {
    const r = await postGraphQL<{ identifyMember: { member: { id: string } } }>(
      platform.gatewayUrl,
      IDENTIFY,
      { i },
      token.single,
    );
    single.push(
      r.data?.identifyMember
        ? { memberId: r.data.identifyMember.member.id, code: null }
        : { memberId: null, code: String(r.errors?.[0].extensions?.code) },
    );
  }
  expect(shape(batch)).toEqual(shape(single));
  expect(batch.at(-2)).toMatchObject({ memberId: null, code: 'BAD_USER_INPUT' });
  expect(batch.at(-1)).toMatchObject({ memberId: null, code: 'BAD_USER_INPUT' });
  // the phone's owner and the two identities of one phone are one customer
  expect(batch[31].memberId).toBe(batch[3].memberId);
  await platform.drain();
  for (const r of rows.slice(0, -2))
    expect(await gql('batch', VIEW, { c: r.channel, e: r.externalId })).toEqual(
      await gql('single', VIEW, { c: r.channel, e: r.externalId }),
    );
  const metrics = (tenant: string) =>
    Promise.all(
      [...STORES, null].map((s) =>
        gql(
          tenant,
          'query($s: ID, $f: DateTime!, $t: DateTime!) { storeMetrics(storeId: $s, from: $f, to: $t) { newMembers } }',
          {
            s,
            f: new Date(Date.now() - 86_400_000).toISOString(),
            t: new Date(Date.now() + 86_400_000).toISOString(),
          },
        ),
      ),
    );
  expect(await metrics('batch')).toEqual(await metrics('single'));
  // and the same rows again find them all
  const again = (
    await gql<{ identifyMembers: Array<{ memberId: string | null }> }>('batch', IDENTIFY_MANY, { i: rows })
  ).identifyMembers;
  expect(again.map((a) => a.memberId)).toEqual(batch.map((a) => a.memberId));
});

it('costs the member center a constant number of commands per batch of new customers', async () => {
  await prepare('count');
  const counter = new CommandCounter();
  const commands = async (from: number, n: number) => {
    await platform.drain();
    counter.reset();
    const inputs = Array.from({ length: n }, (_, i) => ({
      channel: 'STORE',
      externalId: `new-${from + i}`,
      storeId: STORES[i % 2],
      ...(i % 2 ? { phone: `1370000${String(from + i).padStart(4, '0')}` } : {}),
    }));
    await gql('count', IDENTIFY_MANY, { i: inputs });
    await platform.drain();
    // the outbox's sent-marks go out every 50 ms as consumers get through the events: not per batch;
    // a read of more than 101 documents comes back in more than one reply (getMore): still one read
    return counter.breakdown().filter(([k]) => !k.endsWith(' update outbox') && !k.endsWith(' getMore'));
  };
  const small = await commands(0, 20);
  const large = await commands(1000, 200);
  const total = (b: Array<[string, number]>) => b.reduce((n, [, v]) => n + v, 0);
  expect({ total: total(large), large }).toEqual({ total: total(small), large: small });
  expect(total(large)).toBeLessThanOrEqual(40);
  counter.stop();
});
