import { mkdtemp, rm } from 'node:fs/promises';
import mongoose from 'mongoose';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RedisEventBus,
  TEST_INTERNAL_SECRET,
  TEST_SECRET,
  connectRedis,
  postGraphQL,
  redisForTests,
  testToken,
} from '@zhongtai/subgraph-kit';
import { PORT_SPAN } from '../services/ports.js';
import { type Services, startServices } from '../services/supervisor.js';
import { freePortBlock } from '../test-platform.js';
import { FaultClient } from './client.js';
import { Workload } from './workload.js';

/**
 * Fault run 2: the multi-process mode (`npm run start:services`) under a mixed load; the points
 * subgraph is killed with SIGKILL (the supervisor restarts it), then the orders subgraph, then Redis
 * (kept down for a few seconds, then started again on its AOF). Clients retry with their keys.
 * Afterwards everything acknowledged is there exactly once, the ledger reconciles, and no dead
 * letter is left once replayed. Bounded: about two minutes, loopback only; needs redis-server.
 */
const LOAD_MS = 30_000;

const redis = redisForTests();
(redis.available ? describe : describe.skip)('fault run in the multi-process mode', () => {
  let services: Services | undefined;
  let dataDir: string;
  const said: string[] = [];
  const logs: string[] = [];
  afterAll(async () => {
    await services?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('loses and doubles nothing when a subgraph, then another, then Redis die under load', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'zt-faults-mp-'));
    services = await startServices({
      port: await freePortBlock(PORT_SPAN),
      env: {
        ...process.env,
        JWT_SECRET: TEST_SECRET,
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
        LOG_LEVEL: 'warn',
        // the load's rates are far above a person's
        GATEWAY_RATE_LIMIT_SYSTEM: '1000000000',
        GATEWAY_RATE_LIMIT_HQ: '1000000000',
        GATEWAY_RATE_LIMIT_ADDRESS: '1000000000',
      },
      dataDir,
      seedDemo: false,
      output: (name, line) => void logs.push(`[${name}] ${line}`),
      log: (level, message) => said.push(`${level}: ${message}`),
      restartBackoff: { initialMs: 500, maxMs: 2000 },
      readyTimeoutMs: 120_000,
    });
    const s = services;
    const client = new FaultClient(() => s.gatewayUrl);
    const tokens = { system: await testToken({ role: 'SYSTEM' }), hq: await testToken({ role: 'HQ' }) };
    const load = new Workload(client, tokens, `mp${Date.now().toString(36)}`);
    await load.setup(Date.now() + 20_000);

    const started = Date.now();
    const running = load.run(started + LOAD_MS);
    const at = (ms: number) => new Promise((r) => setTimeout(r, started + ms - Date.now()));
    const timeline: string[] = [];
    await at(5_000);
    await s.kill('points', 'SIGKILL');
    timeline.push(`points killed at ${Date.now() - started} ms`);
    await s.waitReady('points', 60_000);
    timeline.push(`points back at ${Date.now() - started} ms`);
    await at(12_000);
    await s.kill('orders', 'SIGKILL');
    timeline.push(`orders killed at ${Date.now() - started} ms`);
    await s.waitReady('orders', 60_000);
    timeline.push(`orders back at ${Date.now() - started} ms`);
    await at(19_000);
    await s.kill('redis', 'SIGKILL', { stayDown: true });
    timeline.push(`redis killed at ${Date.now() - started} ms`);
    await new Promise((r) => setTimeout(r, 4_000));
    await s.restart('redis');
    timeline.push(`redis back at ${Date.now() - started} ms`);
    await running;

    const query = async (q: string, v?: Record<string, unknown>) => {
      const r = await postGraphQL<Record<string, unknown>>(s.gatewayUrl, q, v, tokens.hq);
      if (r.errors?.length) throw new Error(`${q}: ${r.errors[0].message}`);
      return r.data!;
    };
    const client2 = await connectRedis(s.urls.redis);
    const bus = new RedisEventBus(client2);
    let problems: string[] = [];
    let replayed = 0;
    try {
      for (const until = Date.now() + 60_000; Date.now() < until;) {
        // a dead letter is fixed by replaying it (consumers are idempotent)
        for (const letter of await bus.deadLetters())
          replayed += await bus.replayDeadLetters(letter.group, [letter.event.id]);
        problems = await load
          .verify(query)
          .catch((error: Error) => [
            `${error.message} (${(error.cause as { code?: string; message?: string })?.code ?? (error.cause as Error)?.message ?? ''})`,
          ]);
        if (problems.length === 0) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const left = await bus.deadLetters();
      const streams: string[] = [];
      // the first member that does not add up: its merges as the member center and the orders subgraph see them
      const first = /^member (\S+):/.exec(problems[0] ?? '')?.[1];
      if (first) {
        const merges = await query(
          'query($m: ID!) { memberMerges(memberId: $m) { id mergedMemberId undoneAt } }',
          { m: first },
        ).catch((e: Error) => ({ error: e.message }));
        const mongo = await mongoose.mongo.MongoClient.connect(s.urls.store);
        const summary = await mongo
          .db('zhongtai_orders')
          .collection('member_orders')
          .findOne({ memberId: first });
        const mergedIds = (
          (merges as { memberMerges?: Array<{ mergedMemberId: string }> }).memberMerges ?? []
        ).map((m) => m.mergedMemberId);
        const accounts = await mongo
          .db('zhongtai_points')
          .collection('accounts')
          .find({ _id: { $in: [first, ...mergedIds].map((id) => `demo|${id}`) } } as never)
          .project({ mergedInto: 1, balance: 1, pending: 1, seq: 1 })
          .toArray();
        const held = await mongo
          .db('zhongtai_points')
          .collection('held_order_points')
          .aggregate([{ $group: { _id: { status: '$status', reason: '$reason' }, n: { $sum: 1 } } }])
          .toArray();
        streams.push(`held orders: ${JSON.stringify(held)}`);
        const entries = await mongo
          .db('zhongtai_points')
          .collection('ledger')
          .find({ memberId: { $in: [first, ...mergedIds] } })
          .project({ _id: 0, memberId: 1, idemKey: 1, kind: 1, delta: 1 })
          .toArray();
        streams.push(`ledger of its group: ${JSON.stringify(entries)}`);
        for (const db of ['member', 'points', 'orders'])
          streams.push(
            `${db} outbox pending: ${await mongo.db(`zhongtai_${db}`).collection('outbox').countDocuments({ status: 'PENDING' })}`,
          );
        await mongo.close();
        streams.push(`member center merges of ${first}: ${JSON.stringify(merges)}`);
        streams.push(`points accounts of its group: ${JSON.stringify(accounts)}`);
        streams.push(
          `orders summary of ${first}: absorbed ${JSON.stringify(summary?.absorbed)}, orders ${Object.keys(summary?.orders ?? {}).length}`,
        );
      }
      if (problems.length)
        for await (const keys of client2.scanIterator({ MATCH: 'zt:*', COUNT: 100 }))
          for (const key of [keys].flat()) {
            const type = await client2.type(String(key));
            if (type !== 'stream') continue;
            const groups = (await client2.xInfoGroups(String(key))) as unknown as Array<
              Record<string, unknown>
            >;
            const info = (await client2.xInfoStream(String(key))) as unknown as Record<string, unknown>;
            for (const g of groups)
              if (Number(g.pending) || g.lag !== 0)
                streams.push(
                  `${key} (length ${info.length}, last ${info['last-generated-id']}) ${g.name}: pending ${g.pending}, lag ${g.lag}, entries-read ${g['entries-read']}, last ${g['last-delivered-id']}`,
                );
          }
      console.log(
        [
          `fault run (multi-process: ${timeline.join(', ')}; load ${LOAD_MS} ms)`,
          `acknowledged: ${JSON.stringify(load.summary())}`,
          client.table(),
          `problems: ${problems.length ? problems.join('; ') : 'none'}; dead letters replayed: ${replayed}, left: ${left.length}`,
          `supervisor: ${said.filter((l) => !l.startsWith('info')).join(' | ') || 'nothing but info'}`,
          `redis clients revived after getting stuck reconnecting: ${logs.filter((l) => l.includes('redis client stuck reconnecting')).length}; stream readers reopened: ${logs.filter((l) => l.includes('the stream reader is stuck')).length}; consumer groups held up: ${logs.filter((l) => l.includes('a consumer group is held up')).length}`,
          ...(problems.length ? [`streams with work left:\n${streams.join('\n')}`] : []),
          ...(problems.length
            ? [
                `warnings and errors:\n${logs
                  .filter((l) => /"level":(40|50|60)/.test(l))
                  .slice(-40)
                  .join('\n')}`,
              ]
            : []),
        ].join('\n'),
      );
      expect(problems).toEqual([]);
      expect(left).toEqual([]);
      for (const t of client.tallies.values()) expect(t.gaveUp).toBe(0);
    } finally {
      await client2.quit();
    }
  }, 420_000);
});
