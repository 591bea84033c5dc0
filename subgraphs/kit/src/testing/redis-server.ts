import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';

/**
 * Redis for tests: `REDIS_URL` when set, else a throwaway `redis-server` on a free loopback port.
 * Without either, tests that need Redis are skipped loudly; with ZHONGTAI_REQUIRE_REDIS=1 (CI)
 * they fail instead.
 */
export function redisForTests(): { available: boolean; reason?: string } {
  if (process.env.REDIS_URL) return { available: true };
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return { available: true };
  const reason = 'redis-server is not installed and REDIS_URL is not set';
  if (process.env.ZHONGTAI_REQUIRE_REDIS === '1')
    throw new Error(`Redis tests are required (ZHONGTAI_REQUIRE_REDIS=1) but ${reason}`);
  console.warn(
    `\n*** SKIPPING REDIS TESTS: ${reason}. Install redis-server (apt-get install redis-server) to run them. ***\n`,
  );
  return { available: false, reason };
}

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startTestRedis(): Promise<TestRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const until = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
