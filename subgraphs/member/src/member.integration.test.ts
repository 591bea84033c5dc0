import {
  type ServedForTest,
  type TestEnv,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createMemberSubgraph } from './index.js';

let env: TestEnv;
let api: ServedForTest;
let system: string;

beforeAll(async () => {
  env = await startTestEnv();
  const subgraph = await createMemberSubgraph(await env.deps('member'));
  api = await serveForTest(subgraph);
  system = await testToken({ role: 'SYSTEM' });
  for (const [id, region] of [
    ['store-sh-001', 'east'],
    ['store-sh-002', 'east'],
    ['store-bj-001', 'north'],
  ]) {
    const r = await api.query(
      'mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }',
      { i: { id, name: id, region } },
      system,
    );
    expect(r.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await api.close();
  await env.close();
});

const IDENTIFY = `mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { created linked member { id phone displayName joinedChannel identities { channel externalId } joinedStore { id region } } } }`;
type Identify = {
  identifyMember: {
    created: boolean;
    linked: boolean;
    member: {
      id: string;
      phone: string | null;
      displayName: string | null;
      identities: { channel: string; externalId: string }[];
      joinedStore: { id: string } | null;
    };
  };
};

describe('member subgraph', () => {
  it('rejects a request without a token with UNAUTHENTICATED', async () => {
    const r = await api.query('{ store(id: "store-sh-001") { id } }');
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.data ?? null).toBeNull();
  });

  it('identifies a new customer, then finds it again, then links another channel by phone', async () => {
    const first = await api.query<Identify>(
      IDENTIFY,
      {
        i: {
          channel: 'APP',
          externalId: 'app-1',
          phone: '+86 138 0000 0001',
          displayName: '王小明',
          storeId: 'store-sh-001',
        },
      },
      system,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.identifyMember).toMatchObject({ created: true, linked: false });
    const id = first.data!.identifyMember.member.id;
    expect(first.data!.identifyMember.member.phone).toBe('13800000001');

    const again = await api.query<Identify>(IDENTIFY, { i: { channel: 'APP', externalId: 'app-1' } }, system);
    expect(again.data!.identifyMember).toMatchObject({ created: false, linked: false, member: { id } });

    const mall = await api.query<Identify>(
      IDENTIFY,
      { i: { channel: 'MALL', externalId: 'mall-9', phone: '13800000001' } },
      system,
    );
    expect(mall.data!.identifyMember).toMatchObject({ created: false, linked: true, member: { id } });
    expect(mall.data!.identifyMember.member.identities.map((x) => x.channel).sort()).toEqual(['APP', 'MALL']);
  });

  it('two channels racing with the same phone produce one member', async () => {
    const calls = Array.from({ length: 8 }, (_, n) =>
      api.query<Identify>(
        IDENTIFY,
        { i: { channel: n % 2 ? 'MINI_PROGRAM' : 'WECHAT', externalId: `race-${n}`, phone: '13900000002' } },
        system,
      ),
    );
    const results = await Promise.all(calls);
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.identifyMember.member.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.data!.identifyMember.created)).toHaveLength(1);
    const found = await api.query<{ memberByPhone: { identities: unknown[] } }>(
      '{ memberByPhone(phone: "13900000002") { identities { externalId } } }',
      {},
      system,
    );
    expect(found.data!.memberByPhone.identities).toHaveLength(8);
  });

  it('bad input gets BAD_USER_INPUT and changes nothing', async () => {
    const bad = await api.query(
      IDENTIFY,
      { i: { channel: 'APP', externalId: 'bad-1', phone: '12345' } },
      system,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknownStore = await api.query(
      IDENTIFY,
      { i: { channel: 'APP', externalId: 'bad-2', storeId: 'nope' } },
      system,
    );
    expect(unknownStore.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badEnum = await api.query(IDENTIFY, { i: { channel: 'FAX', externalId: 'bad-3' } }, system);
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    for (const externalId of ['bad-1', 'bad-2']) {
      const r = await api.query<{ memberByIdentity: unknown }>(
        'query($e: String!) { memberByIdentity(channel: APP, externalId: $e) { id } }',
        { e: externalId },
        system,
      );
      expect(r.data!.memberByIdentity).toBeNull();
    }
  });

  it('scopes reads: clerk of another store and another tenant see nothing; clerks see masked PII', async () => {
    const r = await api.query<Identify>(
      IDENTIFY,
      {
        i: {
          channel: 'STORE',
          externalId: 'pos-77',
          phone: '13700000077',
          displayName: '李雷',
          storeId: 'store-sh-002',
        },
      },
      system,
    );
    const id = r.data!.identifyMember.member.id;
    const q = 'query($id: ID!) { member(id: $id) { id phone displayName } }';

    const ownClerk = await api.query<{ member: { phone: string; displayName: string } }>(
      q,
      { id },
      await testToken({ role: 'CLERK', storeId: 'store-sh-002' }),
    );
    expect(ownClerk.data!.member).toEqual({ id, phone: '137****0077', displayName: '李*' });

    const otherClerk = await api.query<{ member: unknown }>(
      q,
      { id },
      await testToken({ role: 'CLERK', storeId: 'store-bj-001' }),
    );
    expect(otherClerk.data!.member).toBeNull();

    const manager = await api.query<{ member: { phone: string } }>(
      q,
      { id },
      await testToken({ role: 'STORE_MANAGER', region: 'east' }),
    );
    expect(manager.data!.member.phone).toBe('13700000077');
    const northManager = await api.query<{ member: unknown }>(
      q,
      { id },
      await testToken({ role: 'STORE_MANAGER', region: 'north' }),
    );
    expect(northManager.data!.member).toBeNull();

    const otherTenant = await api.query<{ member: unknown }>(
      q,
      { id },
      await testToken({ role: 'HQ', tenant: 'other' }),
    );
    expect(otherTenant.data!.member).toBeNull();

    const self = await api.query<{ me: { id: string } }>(
      '{ me { id } }',
      {},
      await testToken({ role: 'MEMBER', memberId: id }),
    );
    expect(self.data!.me.id).toBe(id);
    const memberByPhone = await api.query(
      '{ memberByPhone(phone: "13700000077") { id } }',
      {},
      await testToken({ role: 'MEMBER', memberId: id }),
    );
    expect(memberByPhone.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('batches entity references into one database query per entity type', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      const r = await api.query<Identify>(
        IDENTIFY,
        { i: { channel: 'TAOBAO', externalId: `tb-${n}` } },
        system,
      );
      ids.push(r.data!.identifyMember.member.id);
    }
    const trips = async (some: string[]) => {
      api.requests.length = 0;
      const r = await api.query<{ _entities: Array<{ id: string }> }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id joinedChannel identities { channel } tags { name } } } }',
        { r: some.map((id) => ({ __typename: 'Member', id })) },
        system,
      );
      expect(r.data!._entities.map((e) => e.id)).toEqual(some);
      return api.requests[0].dbRoundTrips;
    };
    // members (cached profiles), identities and tags: one batched query each at most, whatever N
    const one = await trips(ids.slice(0, 1));
    expect(one).toBeLessThanOrEqual(3);
    expect(await trips(ids)).toBe(one);
  });
});
