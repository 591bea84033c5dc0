import type { EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  type ServedForTest,
  type TestEnv,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createMemberSubgraph } from '../index.js';

/**
 * The member center of the integration tests, on a manual clock: `setUpMemberCenter()` in a test
 * file starts it (embedded store, in-process bus, three stores) before its tests and closes it after.
 * The bindings below are live: they hold the running instance once `beforeAll` has run.
 */
export let env: TestEnv;
export let api: ServedForTest;
export let subgraph: Awaited<ReturnType<typeof createMemberSubgraph>>;
export let system: string;
export let hq: string;
export const clock = new ManualClock('2026-03-01T00:00:00.000Z');
/** every member.merged, member.unmerged, member.consentChanged and member.profileChanged published */
export const published: EventEnvelope[] = [];

export const IDENTIFY = `mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { created linked member { id } } }`;
export const VIEW = `query($id: ID!) { member(id: $id) { id displayName phone joinedChannel joinedStore { id }
  identities { channel externalId } tags { name source } lifecycleStage relationship { valueScore activityScore quadrant }
  consents { channel granted } } }`;

import { type GqlResult as Gql, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';

export { type Gql, code, ok };

export async function identify(i: Record<string, unknown>): Promise<string> {
  return ok<{ identifyMember: { member: { id: string } } }>(await api.query(IDENTIFY, { i }, system))
    .identifyMember.member.id;
}

export async function view(id: string, token = hq) {
  return ok<{ member: Record<string, unknown> | null }>(await api.query(VIEW, { id }, token)).member;
}

export const deliver = (type: string, payload: Record<string, unknown>, id?: string) =>
  env.deliver(type, payload, { id, at: clock.now() });

export const order = (
  memberId: string,
  orderId: string,
  amount: number,
  storeId = 'store-sh-001',
  placedAt = clock.now(),
) =>
  deliver('order.completed', {
    orderId,
    source: 'pos',
    externalId: orderId,
    memberId,
    channel: 'STORE',
    storeId,
    total: { amount, currency: 'CNY' },
    lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: amount }],
    placedAt: placedAt.toISOString(),
  });

export function setUpMemberCenter(): void {
  beforeAll(async () => {
    env = await startTestEnv();
    const deps = await env.deps('member', clock);
    subgraph = await createMemberSubgraph(deps, { refreshEveryMs: 0 });
    await subgraph.start();
    api = await serveForTest(subgraph);
    await env.infra.bus.subscribe({
      group: 'test-observer',
      events: [
        'member.merged.v1',
        'member.unmerged.v1',
        'member.consentChanged.v1',
        'member.profileChanged.v1',
        'member.identified.v1',
      ],
      handler: async (e) => void published.push(e),
    });
    system = await testToken({ role: 'SYSTEM' });
    hq = await testToken({ role: 'HQ' });
    for (const [id, region] of [
      ['store-sh-001', 'east'],
      ['store-sh-002', 'east'],
      ['store-bj-001', 'north'],
    ]) {
      ok(
        await api.query(
          'mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }',
          { i: { id, name: id, region } },
          system,
        ),
      );
    }
  });
  afterAll(async () => {
    await api.close();
    await env.close();
  });
}
