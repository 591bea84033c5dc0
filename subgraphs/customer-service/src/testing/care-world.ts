import type { EventEnvelope } from '@zhongtai/contracts';
import { DomainError } from '@zhongtai/contracts';
import {
  FakeNotifier,
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
import { type CustomerServiceOptions, createCustomerServiceSubgraph } from '../index.js';

import { type GqlResult as Gql, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';

export { type Gql, code, ok };
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** Shanghai wall clock (UTC+8) as an instant */
export const sh = (local: string) => new Date(new Date(`${local}Z`).getTime() - 8 * HOUR);

export type CareSubgraph = Awaited<ReturnType<typeof createCustomerServiceSubgraph>>;

/** A member as the rest of the platform knows it (member center, orders, content). */
export interface WorldMember {
  storeIds: string[];
  rootId?: string;
  phone?: string;
  consents?: Array<{ channel: string; granted: boolean }>;
  wechat?: string;
  orders?: Array<{ placedAt: Date; skus: string[] }>;
}

/**
 * The notification adapter as the message gateway behaves: one delivery per key (a resend answers
 * the same message id), and it can be down.
 */

/**
 * The customer-service subgraph of an integration test file on its own store and bus, the clock at
 * 10:00 in Shanghai (2026-03-10T02:00Z), jobs driven by hand, the rest of the platform answered by
 * `members` / `stock` / `feed` (what the gateway would), a fake message gateway. Call it at the top of
 * the file: it registers beforeAll/afterAll.
 */
export function careWorld(opts: { members: Record<string, WorldMember> }) {
  const clock = new ManualClock('2026-03-10T02:00:00.000Z');
  const scopes: ScopeWorld = {
    members: Object.fromEntries(
      Object.entries(opts.members).map(([id, m]) => [id, { storeIds: m.storeIds, rootId: m.rootId }]),
    ),
    stores: { 'store-sh-001': 'east', 'store-sh-002': 'east', 'store-bj-001': 'north' },
  };
  const w = {
    clock,
    env: undefined as unknown as TestEnv,
    api: undefined as unknown as ServedForTest,
    cs: undefined as unknown as CareSubgraph,
    notifier: new FakeNotifier(),
    /** available units per SKU at every store */
    stock: {} as Record<string, number>,
    feed: [
      { id: 'promo-spring', kind: 'PROMOTION' },
      { id: 'article-1', kind: 'ARTICLE' },
      { id: 'invite-sh-001', kind: 'STORE_INVITATION' },
    ],
    platformDown: false,
    /** the member center's segments: their members */
    segments: {} as Record<string, string[]>,
    published: [] as EventEnvelope[],
    hq: '',
    system: '',
    deliver: (type: string, payload: Record<string, unknown>) =>
      w.env.deliver(type, payload, { at: clock.now() }),
    token: (claims: Parameters<typeof testToken>[0]) => testToken(claims),
  };
  const call: ServiceCall = async <T>(_t: string, query: string, variables?: Record<string, unknown>) => {
    const scoped = answerAccessScopes(scopes, query, variables);
    if (scoped) return scoped as T;
    if (w.platformDown) throw new DomainError('UPSTREAM_UNAVAILABLE', 'the gateway did not answer');
    const stock = () =>
      ((variables!.codes as string[] | undefined) ?? []).map((code) => ({
        code,
        availability: { available: w.stock[code] ?? 0 },
      }));
    if (query.includes('member(id: $id)')) {
      const id = variables!.id as string;
      const m = opts.members[id];
      if (!m) return { member: null, skus: stock() } as T;
      return {
        skus: stock(),
        member: {
          id: m.rootId ?? id,
          phone: m.phone ?? null,
          consents: m.consents ?? [],
          identities: m.wechat ? [{ channel: 'WECHAT', externalId: m.wechat }] : [],
          orders: {
            nodes: (m.orders ?? []).map((o) => ({
              placedAt: o.placedAt.toISOString(),
              lines: o.skus.map((code) => ({ sku: { code } })),
            })),
          },
          feed: w.feed,
        },
      } as T;
    }
    if (query.includes('segment(id: $id)')) {
      const members = w.segments[variables!.id as string];
      if (!members) return { segment: null } as T;
      const start = variables!.after ? Number(variables!.after) : 0;
      const page = members.slice(start, start + 100);
      return {
        segment: {
          members: {
            nodes: page.map((id) => ({ id, joinedStore: { id: opts.members[id]?.storeIds[0] ?? null } })),
            pageInfo: {
              hasNextPage: start + 100 < members.length,
              endCursor: start + 100 < members.length ? String(start + 100) : null,
            },
          },
        },
      } as T;
    }
    if (query.includes('skus(codes: $codes)')) return { skus: stock() } as T;
    throw new Error(`unexpected call: ${query}`);
  };
  const extra: Array<{ cs: CareSubgraph }> = [];
  let deps: Awaited<ReturnType<TestEnv['deps']>>;
  /** another replica of the subgraph on the same store (its own leases) */
  const replica = async (owner: string, options: CustomerServiceOptions = {}) => {
    const cs = await createCustomerServiceSubgraph(
      { ...deps, call },
      { jobsEveryMs: 0, notifier: w.notifier, owner, ...options },
    );
    extra.push({ cs });
    return cs;
  };
  beforeAll(async () => {
    w.env = await startTestEnv();
    deps = await w.env.deps('customer-service', clock);
    w.cs = await createCustomerServiceSubgraph(
      { ...deps, call },
      { jobsEveryMs: 0, notifier: w.notifier, owner: 'replica-a' },
    );
    await w.cs.start();
    w.api = await serveForTest(w.cs);
    await w.env.infra.bus.subscribe({
      group: 'test-observer',
      events: ['survey.answered.v1', 'ticket.opened.v1', 'ticket.escalated.v1'],
      handler: async (e) => void w.published.push(e),
    });
    w.hq = await testToken({ role: 'HQ', sub: 'hq-1' });
    w.system = await testToken({ role: 'SYSTEM', sub: 'app-backend' });
  });
  afterAll(async () => {
    await w.api.close();
    await w.env.close();
  });
  return Object.assign(w, { replica });
}
