import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import {
  GATEWAY_AUDIENCE,
  GATEWAY_ISSUER,
  InternalTokens,
  SERVICE_ISSUER,
  TEST_INTERNAL_SECRET,
  TEST_SECRET,
  postGraphQL,
  testToken,
} from '@zhongtai/subgraph-kit';
import type { Platform } from '../platform.js';
import { startTestPlatform } from '../test-platform.js';

/**
 * Who may reach what: subgraphs accept only what the gateway mints for them; the gateway accepts
 * users' tokens (secret or JWKS, issuer and audience checked) and services' tokens; representations
 * carry no operators. Driven from outside, over HTTP, as an attacker would.
 */
const code = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code;
const IDENTIFY = 'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }';
const BALANCE =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { points { balance } } } }';

async function hs256(claims: Record<string, unknown>, secret: string, edit?: (j: SignJWT) => SignJWT) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h');
  return (edit ? edit(jwt) : jwt).sign(new TextEncoder().encode(secret));
}

describe('subgraphs trust only the gateway', () => {
  let platform: Platform;
  let memberId: string;

  beforeAll(async () => {
    platform = await startTestPlatform({
      transport: 'http',
      dbPrefix: `trust${Date.now()}`,
    });
    const system = await testToken({ role: 'SYSTEM' });
    const r = await postGraphQL<{ identifyMember: { member: { id: string } } }>(
      platform.gatewayUrl,
      IDENTIFY,
      { i: { channel: 'APP', externalId: 'trust-1' } },
      system,
    );
    memberId = r.data!.identifyMember.member.id;
  });
  afterAll(async () => platform.stop());

  it("refuses users' tokens sent straight to a subgraph's port, whatever their role", async () => {
    for (const claims of [
      { role: 'MEMBER', memberId: 'someone' },
      { role: 'HQ' },
      { role: 'SYSTEM' },
    ] as const) {
      const r = await postGraphQL(
        platform.subgraphUrls.points,
        BALANCE,
        { r: [{ __typename: 'Member', id: memberId }] },
        await testToken(claims),
      );
      expect(r.status).toBe(401);
      expect(code(r)).toBe('UNAUTHENTICATED');
      expect(r.data).toBeUndefined();
    }
  });

  it('refuses internal tokens for another subgraph, signed with another key, expired, or of a service', async () => {
    const hq = { tenant: 'demo', role: 'HQ', sub: 'x' } as const;
    const cases = [
      await new InternalTokens(TEST_INTERNAL_SECRET, GATEWAY_ISSUER).sign(hq, 'member'), // audience member
      await new InternalTokens('a-forged-key-of-sufficient-length!!', GATEWAY_ISSUER).sign(hq, 'points'),
      await new InternalTokens(TEST_INTERNAL_SECRET, SERVICE_ISSUER).sign(hq, 'points'), // a service token
      await hs256({ ...hq, iss: GATEWAY_ISSUER, aud: 'points' }, TEST_INTERNAL_SECRET, (j) =>
        j.setExpirationTime(Math.floor(Date.now() / 1000) - 60),
      ),
      await hs256({ ...hq, iss: GATEWAY_ISSUER, aud: 'points' }, TEST_SECRET), // the users' key
    ];
    for (const token of cases) {
      const r = await postGraphQL(
        platform.subgraphUrls.points,
        '{ earningRules { pointsPerYuan } }',
        {},
        token,
      );
      expect(code(r)).toBe('UNAUTHENTICATED');
    }
    // the real thing works
    const good = await new InternalTokens(TEST_INTERNAL_SECRET, GATEWAY_ISSUER).sign(hq, 'points');
    const ok = await postGraphQL(
      platform.subgraphUrls.points,
      '{ earningRules { pointsPerYuan } }',
      {},
      good,
    );
    expect(ok.errors).toBeUndefined();
  });

  it('refuses operator objects in representations before they reach a repository', async () => {
    const token = await new InternalTokens(TEST_INTERNAL_SECRET, GATEWAY_ISSUER).sign(
      { tenant: 'demo', role: 'HQ', sub: 'x' },
      'points',
    );
    for (const id of [{ $gt: '' }, { $ne: null }, ['a'], { nested: { $gt: 1 } }]) {
      const r = await postGraphQL(
        platform.subgraphUrls.points,
        BALANCE,
        { r: [{ __typename: 'Member', id }] },
        token,
      );
      expect(code(r)).toBe('BAD_USER_INPUT');
      expect((r.data as { _entities?: unknown } | undefined)?._entities ?? null).toBeNull();
    }
    const dollarKey = await postGraphQL(
      platform.subgraphUrls.points,
      BALANCE,
      { r: [{ __typename: 'Member', id: memberId, $where: 'sleep(1000)' }] },
      token,
    );
    expect(code(dollarKey)).toBe('BAD_USER_INPUT');
  });

  it('refuses forged, expired and malformed tokens at the gateway', async () => {
    const cases = [
      await testToken({ role: 'HQ' }, 'another-secret-of-sufficient-length'),
      await hs256({ tenant: 'demo', role: 'HQ' }, TEST_SECRET, (j) =>
        j.setExpirationTime(Math.floor(Date.now() / 1000) - 60),
      ),
      await hs256({ tenant: 'demo', role: 'CLERK' }, TEST_SECRET), // a clerk without a store
      await hs256({ tenant: 'demo', role: 'ROOT' }, TEST_SECRET),
      // a service token signed with the users' key
      await hs256(
        { tenant: 'demo', role: 'SYSTEM', iss: SERVICE_ISSUER, aud: GATEWAY_AUDIENCE },
        TEST_SECRET,
      ),
      'not-a-jwt',
    ];
    for (const token of cases) {
      const r = await postGraphQL(platform.gatewayUrl, '{ me { id } }', {}, token);
      expect(r.status).toBe(401);
      expect(code(r)).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts service tokens signed with the internal key as SYSTEM', async () => {
    const r = await platform.callAs('test')<{ member: { id: string } }>(
      'demo',
      'query($id: ID!) { member(id: $id) { id } }',
      { id: memberId },
    );
    expect(r.member.id).toBe(memberId);
  });
});

describe('users verified with a JWKS (identity provider) and issuer/audience checks', () => {
  let platform: Platform;
  let jwks: ReturnType<typeof createServer>;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  const issuer = 'https://idp.example.test';
  const audience = 'zhongtai-api';
  const es256 = (claims: Record<string, unknown>, edit?: (j: SignJWT) => SignJWT) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h');
    return (edit ? edit(jwt) : jwt).sign(privateKey);
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', () => resolve()));
    platform = await startTestPlatform({
      transport: 'http',
      jwt: {
        jwksUrl: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
        issuer,
        audience,
        internalSecret: TEST_INTERNAL_SECRET,
      },
      dbPrefix: `jwks${Date.now()}`,
    });
  });
  afterAll(async () => {
    await platform.stop();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it("accepts the provider's tokens and refuses wrong issuers, audiences and HS256 tokens", async () => {
    const ok = await postGraphQL(
      platform.gatewayUrl,
      '{ earningRules { pointsPerYuan } }',
      {},
      await es256({ tenant: 'demo', role: 'HQ' }),
    );
    expect(ok.errors).toBeUndefined();
    const refused = [
      await es256({ tenant: 'demo', role: 'HQ' }, (j) => j.setIssuer('https://evil.example')),
      await es256({ tenant: 'demo', role: 'HQ' }, (j) => j.setAudience('someone-else')),
      await testToken({ role: 'HQ' }),
    ];
    for (const token of refused)
      expect(code(await postGraphQL(platform.gatewayUrl, '{ me { id } }', {}, token))).toBe(
        'UNAUTHENTICATED',
      );
  });

  it('keeps service-to-service calls working: an order identifies its buyer through the gateway', async () => {
    const system = await es256({ tenant: 'demo', role: 'SYSTEM', sub: 'adapter:pos' });
    await postGraphQL(
      platform.gatewayUrl,
      'mutation { upsertStore(input: { id: "s1", name: "S1", region: "east" }) { id } }',
      {},
      system,
    );
    const r = await postGraphQL<{ ingestOrder: { order: { member: { id: string } | null } } }>(
      platform.gatewayUrl,
      'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { member { id } } } }',
      {
        i: {
          source: 'POS',
          externalId: 'jwks-1',
          channel: 'STORE',
          storeId: 's1',
          buyer: { channel: 'STORE', externalId: 'card-jwks' },
          lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: 1000 }],
          placedAt: new Date().toISOString(),
        },
      },
      system,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.ingestOrder.order.member?.id).toEqual(expect.any(String));
  });
});
