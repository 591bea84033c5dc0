import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import type { Claims } from '@zhongtai/contracts';
import {
  type ServiceCall,
  TEST_INTERNAL_SECRET,
  TEST_SECRET,
  postGraphQL,
  redisForTests,
  testToken,
} from '@zhongtai/subgraph-kit';
import { seedMasterData } from '../../seed/demo.js';
import { PORT_SPAN } from '../../services/ports.js';
import { startServices } from '../../services/supervisor.js';
import { freePortBlock } from '../../test-platform.js';
import { startMainProcess } from '../main-process.js';
import { until } from '../until.js';

export type Mode = 'all-in-one' | 'multi-process';

/** a GraphQL answer with errors: the first error's code and message, every error kept */
export class GraphQLFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: unknown[],
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * What a story sees of the platform: its gateway, a tenant of its own (seeded with the demo catalogue, and
 * no demo traffic in it), role tokens for that tenant, and a clock every process reads (`advance`).
 */
export interface E2E {
  mode: Mode;
  url: string;
  tenant: string;
  token(claims: Partial<Claims> & Pick<Claims, 'role'>): Promise<string>;
  /** the data, or a GraphQLFailure */
  gql<T = Record<string, unknown>>(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T>;
  /** the error code a call is refused with (throws when it is not refused) */
  refused(token: string, query: string, variables?: Record<string, unknown>): Promise<string>;
  /** moves every process's clock forward (CLOCK_OFFSET_FILE) and waits until they read it */
  advance(ms: number): Promise<void>;
  /** the platform's time (the system's plus what `advance` added), whole seconds */
  now(): Date;
  /** polls `probe` until it answers something other than undefined (`testing/until.ts`) */
  until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** a service caller of this tenant with `token` (what an adapter's `PlatformSink` calls) */
  call(token: string): ServiceCall;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * Starts the platform in `mode` for a test file (beforeAll/afterAll): `npm start` as a child process, or
 * the multi-process mode (`npm run start:services`: store, six subgraphs, gateway, legacy process) — the
 * demo brand running in both — and seeds a tenant of the story's own. Returns the stories' handle, filled
 * once started.
 */
export function e2ePlatform(mode: Mode): E2E {
  const dir = mkdtempSync(join(tmpdir(), 'zt-e2e-'));
  const clockFile = join(dir, 'clock-offset');
  let offset = 0;
  writeFileSync(clockFile, '0');
  let stop: () => Promise<unknown> = async () => undefined;
  const tenant = `e2e${Date.now().toString(36)}`;

  const e2e: E2E = {
    mode,
    url: '',
    tenant,
    token: (claims) => testToken({ tenant, ...claims }),
    async gql<T>(token: string, query: string, variables: Record<string, unknown> = {}) {
      const r = await postGraphQL<T>(e2e.url, query, variables, token);
      if (r.errors?.length) {
        const first = r.errors[0];
        throw new GraphQLFailure(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.message, r.errors);
      }
      return r.data as T;
    },
    async refused(token, query, variables = {}) {
      const r = await postGraphQL(e2e.url, query, variables, token);
      if (!r.errors?.length) throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
      return r.errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    },
    now: () => new Date(Math.floor((Date.now() + offset) / 1000) * 1000),
    async advance(ms) {
      offset += ms;
      writeFileSync(clockFile, String(offset));
      await new Promise((r) => setTimeout(r, 400)); // a process reads the file again 50 ms after its last read
    },
    until: (what, probe, timeoutMs) => until(what, probe, timeoutMs),
    call: (token) => async (_tenant, query, variables) => e2e.gql(token, query, variables),
  };

  beforeAll(async () => {
    const env = {
      CLOCK_OFFSET_FILE: clockFile,
      JWT_SECRET: TEST_SECRET,
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
      LOG_LEVEL: process.env.ZT_TEST_LOGS === '1' ? 'info' : 'warn',
    };
    if (mode === 'all-in-one') {
      const main = await startMainProcess(env);
      e2e.url = main.url;
      stop = () => main.signal('SIGTERM');
    } else {
      if (!redisForTests().available) throw new Error('the multi-process mode needs redis-server');
      const services = await startServices({
        port: await freePortBlock(PORT_SPAN),
        env: { ...process.env, ...env, REDIS_URL: undefined, MONGODB_URI: undefined },
        redisUrl: process.env.REDIS_URL || undefined,
        output:
          process.env.ZT_TEST_LOGS === '1'
            ? (name, line) => process.stderr.write(`[${name}] ${line}\n`)
            : () => {},
        log: () => {},
        readyTimeoutMs: 240_000,
      });
      e2e.url = services.gatewayUrl;
      stop = () => services.stop();
    }
    // the tenant's catalogue, through the gateway as a SYSTEM caller (what the demo seed does for `demo`)
    await seedMasterData({ tenant, call: e2e.call(await e2e.token({ role: 'SYSTEM', sub: 'e2e-seed' })) });
  }, 300_000);

  afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  return e2e;
}
