import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  TEST_INTERNAL_SECRET,
  type EmbeddedMongo,
  postGraphQL,
  startEmbeddedMongo,
  testToken,
} from '@zhongtai/subgraph-kit';
import type { Platform } from './platform.js';
import { startTestPlatform } from './test-platform.js';

const run = promisify(execFile);
const CLI = new URL('../dist/dead-letters-cli.js', import.meta.url).pathname;

/**
 * Dead letters are not a graveyard: an event a consumer keeps failing is kept with its error,
 * counted in /metrics, listed and replayed with `npm run dead-letters`, and survives a restart.
 */
describe('dead letters of the all-in-one process', () => {
  let mongo: EmbeddedMongo;
  let platform: Platform;
  let healthy = false;
  const handled: string[] = [];
  const dbPrefix = `dlq${Date.now()}`;
  const start = async () => {
    platform = await startTestPlatform({
      mongoUri: mongo.uri,
      dbPrefix,
    });
    await platform.bus.subscribe({
      group: 'test.fragile',
      events: ['store.changed.v1'],
      maxDeliveries: 2,
      retryDelayMs: 10,
      handler: async (e) => {
        if (!healthy) throw new Error('the fragile consumer is down');
        handled.push(e.id);
      },
    });
  };
  const base = () => platform.gatewayUrl.replace(/\/graphql$/, '');
  const cli = (...args: string[]) =>
    run('node', [CLI, ...args, '--gateway', base()], {
      env: { ...process.env, REDIS_URL: '', INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET },
    });

  beforeAll(async () => {
    mongo = await startEmbeddedMongo();
    await start();
  });
  afterAll(async () => {
    await platform.stop();
    await mongo.stop();
  });

  it('keeps, counts, lists and replays them; a restart keeps them', async () => {
    const system = await testToken({ role: 'SYSTEM' });
    const r = await postGraphQL(
      platform.gatewayUrl,
      'mutation { upsertStore(input: { id: "dlq-1", name: "DLQ", region: "east" }) { id } }',
      {},
      system,
    );
    expect(r.errors).toBeUndefined();
    await platform.drain();
    const letters = await platform.bus.deadLetters('test.fragile');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ deliveries: 2, error: 'the fragile consumer is down' });
    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metrics).toMatch(/zt_event_dead_letters\{group="test.fragile"\} 1/);

    // the admin route is for HQ and SYSTEM only
    const member = await testToken({ role: 'MEMBER', memberId: 'm' });
    expect(
      (await fetch(`${base()}/admin/dead-letters`, { headers: { authorization: `Bearer ${member}` } }))
        .status,
    ).toBe(403);
    expect((await fetch(`${base()}/admin/dead-letters`)).status).toBe(401);

    // a restart on the same store keeps them
    await platform.stop();
    await start();
    const listed = await cli('list');
    expect(listed.stdout).toContain('test.fragile\tstore.changed.v1');
    expect(listed.stdout).toContain('1 dead letter(s)');

    healthy = true; // the cause is fixed
    expect((await cli('replay', '--group', 'test.fragile')).stdout).toContain('replayed 1');
    await platform.drain();
    expect(handled).toEqual([letters[0].event.id]);
    expect((await cli('list')).stdout).toContain('no dead letters');
    expect(await (await fetch(`${base()}/metrics`)).text()).not.toMatch(
      /zt_event_dead_letters\{group="test.fragile"\} [1-9]/,
    );
  });
});
