import { type ChildProcess, spawn } from 'node:child_process';
import { TEST_INTERNAL_SECRET, TEST_JWT } from '@zhongtai/subgraph-kit';

/** `embedded/dist/main.js` (what `npm start` runs; built by `npm test`). */
const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;

export interface MainProcess {
  /** the gateway's GraphQL URL */
  url: string;
  exited: Promise<number | string>;
  /** sends a signal; resolves with the exit code (or the signal's name) */
  signal(signal: NodeJS.Signals): Promise<number | string>;
}

/**
 * Test support: `npm start` as a child process on a random port with the test keys (so `testToken`
 * signs for it), the embedded store and in-process bus; resolves once it prints `ready`. `env` adds to
 * or overrides that (e.g. `SEED_DEMO: 'false'`, `DATA_DIR`).
 */
export async function startMainProcess(env: Record<string, string> = {}): Promise<MainProcess> {
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      MONGODB_URI: '',
      JWT_SECRET: TEST_JWT.secret,
      INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? '?')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Zhongtai gateway: (\S+)/.exec(out);
      if (m && out.includes('\nready')) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`main.js exited (${code}) before it was ready:\n${out}`)));
  });
  return {
    url,
    exited,
    signal: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}
