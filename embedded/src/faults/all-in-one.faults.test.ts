import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEAD_LETTERS_PATH,
  GATEWAY_AUDIENCE,
  InternalTokens,
  SERVICE_ISSUER,
  TEST_INTERNAL_SECRET,
  TEST_SECRET,
  postGraphQL,
  serviceClaims,
  testToken,
} from '@zhongtai/subgraph-kit';
import { type PlatformChild, freePort, startPlatformChild } from './child.js';
import { FaultClient } from './client.js';
import { Workload } from './workload.js';

/**
 * Fault run 1: the all-in-one process (`npm start`) is killed with SIGKILL twice under a mixed load
 * and started again on the same DATA_DIR. Clients retry with the same idempotency keys. Afterwards
 * everything acknowledged is there exactly once, the ledger reconciles and no dead letter is left.
 * Bounded: about a minute, loopback only.
 */
const LOAD_MS = 24_000;
const KILLS_AT = [7_000, 15_000];

let dataDir: string;
let platform: PlatformChild | undefined;
let url = '';

afterAll(async () => {
  await platform?.kill('SIGINT');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('loses and doubles nothing across kill -9 and restart on the same DATA_DIR', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zt-faults-'));
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SUBGRAPH_PORT_BASE: '0',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    JWT_SECRET: TEST_SECRET,
    INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
    MONGODB_URI: '',
  };
  platform = await startPlatformChild(env);
  url = platform.url;
  const client = new FaultClient(() => url);
  const tokens = { system: await testToken({ role: 'SYSTEM' }), hq: await testToken({ role: 'HQ' }) };
  const load = new Workload(client, tokens, `aio${Date.now().toString(36)}`);
  await load.setup(Date.now() + 10_000);

  const started = Date.now();
  const running = load.run(started + LOAD_MS);
  const restarts: number[] = [];
  for (const at of KILLS_AT) {
    await new Promise((r) => setTimeout(r, started + at - Date.now()));
    await platform.kill('SIGKILL');
    const down = Date.now();
    platform = await startPlatformChild(env);
    restarts.push(Date.now() - down);
  }
  await running;

  const query = async (q: string, v?: Record<string, unknown>) => {
    const r = await postGraphQL<Record<string, unknown>>(url, q, v, tokens.hq);
    if (r.errors?.length) throw new Error(`${q}: ${r.errors[0].message}`);
    return r.data!;
  };
  // consumers catch up after the restarts (relay, resume and settle jobs): wait until it all adds up
  let problems: string[] = [];
  for (const until = Date.now() + 45_000; Date.now() < until;) {
    problems = await load.verify(query);
    if (problems.length === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const service = await new InternalTokens(TEST_INTERNAL_SECRET, SERVICE_ISSUER).sign(
    serviceClaims('demo', 'faults'),
    GATEWAY_AUDIENCE,
  );
  const dead = (await (
    await fetch(new URL(DEAD_LETTERS_PATH, url), { headers: { authorization: `Bearer ${service}` } })
  ).json()) as { deadLetters: unknown[] };

  console.log(
    [
      `fault run (all-in-one, kill -9 at ${KILLS_AT.join(' and ')} ms of ${LOAD_MS} ms, restarts took ${restarts.join(' and ')} ms)`,
      `acknowledged: ${JSON.stringify(load.summary())}`,
      client.table(),
      `problems: ${problems.length ? problems.join('; ') : 'none'}; dead letters: ${dead.deadLetters.length}`,
    ].join('\n'),
  );
  expect(problems).toEqual([]);
  expect(dead.deadLetters).toEqual([]);
  for (const t of client.tallies.values()) expect(t.gaveUp).toBe(0);
}, 240_000);
