import type { Claims } from '@zhongtai/contracts';
import {
  type GqlResult,
  type ManualClock,
  type ScopeWorld,
  type ServedForTest,
  type ServiceCall,
  type SubgraphDeps,
  type TestEnv,
  answerAccessScopes,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { type ContentOptions, type ContentServices, createContentSubgraph } from '../index.js';

/** A caller, as its token says. */
export type Who = Partial<Claims> & Pick<Claims, 'role'>;
export const HQ: Who = { role: 'HQ' };

export interface ContentWorld {
  env: TestEnv;
  deps: SubgraphDeps;
  api: ServedForTest;
  services: ContentServices;
  /** a request to the subgraph as the gateway sends it for this caller */
  as(who: Who, query: string, variables?: Record<string, unknown>): Promise<GqlResult>;
  /** `member.identified`: a member created by scanning store s1's QR code in WeChat (`x` overrides), handled */
  joined(memberId: string, x?: Record<string, unknown>): Promise<void>;
  /** `order.completed` of the member at store s1, handled (the event id is the order's: redelivery is a repeat) */
  completed(orderId: string, memberId: string, placedAt: Date, amount?: number): Promise<void>;
}

/**
 * The content subgraph of an integration test file, on its own store and bus, started (its consumers
 * follow events `env.deliver` publishes; its jobs are off: tests run them), served over HTTP. The
 * gateway's service calls are answered by `scopes` (access scopes) and `answer` (anything else: a
 * member's contact, stock). Call it at the top of the file: it registers beforeAll/afterAll.
 */
export function contentWorld(opts: {
  clock: ManualClock;
  scopes: ScopeWorld;
  answer?: (query: string, variables: Record<string, unknown>) => unknown;
  options?: ContentOptions;
}): ContentWorld {
  const w = {} as ContentWorld;
  let stop: () => Promise<void> = async () => undefined;
  const call: ServiceCall = async <T>(_t: string, query: string, variables?: Record<string, unknown>) =>
    (answerAccessScopes(opts.scopes, query, variables) ?? opts.answer?.(query, variables ?? {})) as T;
  beforeAll(async () => {
    w.env = await startTestEnv();
    w.deps = { ...(await w.env.deps('content', opts.clock)), call };
    const subgraph = await createContentSubgraph(w.deps, {
      settleEveryMs: 0,
      sendEveryMs: 0,
      launchEveryMs: 0,
      ...opts.options,
    });
    w.services = subgraph.services;
    await subgraph.start();
    stop = () => subgraph.stop();
    w.api = await serveForTest(subgraph);
  });
  afterAll(async () => {
    await w.api.close();
    await stop();
    await w.env.close();
  });
  w.as = async (who, query, variables = {}) => w.api.query(query, variables, await testToken(who));
  w.joined = (memberId, x = {}) =>
    w.env.deliver(
      'member.identified',
      {
        memberId,
        channel: 'WECHAT',
        externalId: `oW-${memberId}`,
        storeId: 's1',
        created: true,
        linked: false,
        ...x,
      },
      { at: opts.clock.now(), id: `identified-${memberId}-${JSON.stringify(x)}` },
    );
  w.completed = (orderId, memberId, placedAt, amount = 1000) =>
    w.env.deliver(
      'order.completed',
      {
        orderId,
        memberId,
        storeId: 's1',
        placedAt: placedAt.toISOString(),
        externalId: orderId,
        total: { amount, currency: 'CNY' },
        lines: [],
        channel: 'STORE',
        source: 'pos',
      },
      { id: `completed-${orderId}` },
    );
  return w;
}
