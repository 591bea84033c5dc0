import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AppMyAccountDocument,
  AppMyFeedDocument,
  MallCheckoutMemberDocument,
  MallSkuAvailabilityDocument,
  MiniProgramCardDocument,
  StoreTerminalMemberByPhoneDocument,
  StoreTerminalRedeemPointsDocument,
  createGatewayClient,
} from '@zhongtai/client';
import { loadGatewayProtection } from '@zhongtai/gateway';
import { testToken } from '@zhongtai/subgraph-kit';
import type { Platform } from './platform.js';
import { startTestPlatform } from './test-platform.js';

/**
 * The channels' generated client against the platform in production's operations mode
 * (`GATEWAY_OPERATIONS=registered` with the client's manifest): each channel's operations run by their
 * id alone, typed end to end; anything else is refused.
 */
const MANIFEST = fileURLToPath(
  new URL('../../contracts/client/src/generated/persisted-documents.json', import.meta.url),
);
let platform: Platform;
let system: string;

beforeAll(async () => {
  platform = await startTestPlatform({
    gatewayProtection: loadGatewayProtection({
      GATEWAY_OPERATIONS: 'registered',
      GATEWAY_OPERATIONS_MANIFEST: MANIFEST,
    }),
  });
  system = await testToken({ role: 'SYSTEM' });
});
afterAll(() => platform.stop());

async function post(body: Record<string, unknown>, token: string) {
  const res = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    ...((await res.json()) as { data?: unknown; errors?: Array<{ message: string }> }),
  };
}

/** a typed document sent by its id only (the client's first try), as a production channel app sends it */
async function run<R, V>(doc: TypedDocumentNode<R, V>, variables: NoInfer<V>, token: string): Promise<R> {
  return createGatewayClient({ url: platform.gatewayUrl, token: () => token }).request(doc, variables);
}

describe('each channel’s operations, by id, on the platform in registered mode', () => {
  let memberId = '';
  let member: string;
  beforeAll(async () => {
    // a store and a member with points (SYSTEM calls are not bound to the manifest)
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const r = await post({ query, variables }, system);
      if (r.errors?.length) throw new Error(r.errors[0].message);
      return r.data as Record<string, { member?: { id: string } }>;
    };
    await gql('mutation { upsertStore(input: { id: "s1", name: "S1", region: "east" }) { id } }');
    const who = await gql(
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      { i: { channel: 'APP', externalId: 'app-ch-1', phone: '13800001234', storeId: 's1' } },
    );
    memberId = who.identifyMember.member!.id;
    await gql('mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id } }', {
      i: { memberId, points: 300, source: 'test', idempotencyKey: 'ch-earn-1', reason: 'welcome' },
    });
    member = await testToken({ role: 'MEMBER', memberId, channel: 'APP' });
  });

  it('app and mini-program: the member’s own account, feed and card', async () => {
    const account = await run(AppMyAccountDocument, {}, member);
    expect(account.me?.points.balance).toBe(300);
    expect(account.me?.phone).toBeTruthy();
    const feed = await run(AppMyFeedDocument, { first: 5 }, member);
    expect(Array.isArray(feed.me?.feed)).toBe(true);
    const card = await run(MiniProgramCardDocument, {}, await testToken({ role: 'MEMBER', memberId }));
    expect(card.me?.id).toBe(memberId);
  });

  it('mall: stock of the goods shown and the member at checkout', async () => {
    const stock = await run(MallSkuAvailabilityDocument, { codes: ['SKU-X'] }, member);
    expect(stock.skus).toEqual([null]);
    expect((await run(MallCheckoutMemberDocument, {}, member)).me?.points.balance).toBe(300);
  });

  it('store terminal: the clerk finds the member by phone (masked) and redeems points', async () => {
    const clerk = await testToken({ role: 'CLERK', storeId: 's1', sub: 'clerk-1' });
    const found = await run(StoreTerminalMemberByPhoneDocument, { phone: '13800001234' }, clerk);
    expect(found.memberByPhone?.id).toBe(memberId);
    expect(found.memberByPhone?.phone).not.toBe('13800001234');
    const entry = await run(
      StoreTerminalRedeemPointsDocument,
      {
        input: {
          memberId,
          points: 100,
          idempotencyKey: 'ch-redeem-1',
          reason: 'gift',
        },
      },
      clerk,
    );
    expect(entry.redeemPoints.balanceAfter).toBe(200);
  });

  it('refuses an operation that is not in the manifest, by text or by an unknown id', async () => {
    const r = await post({ query: '{ me { id points { balance } } }' }, member);
    expect(r.status).toBe(400);
    expect(r.errors?.[0].message).toMatch(/Only registered operations are accepted/);
    const unknown = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
      member,
    );
    expect(unknown.status).toBe(400);
  });
});
