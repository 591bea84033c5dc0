import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** `npm start`'s process as a child the fault run can kill with SIGKILL and start again. */
export interface PlatformChild {
  url: string;
  process: ChildProcess;
  /** stdout and stderr so far (for a failure's message) */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

const MAIN = new URL('../../dist/main.js', import.meta.url).pathname;

/** A free loopback port (so a restarted platform answers at the same address). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `embedded/dist/main.js` with the environment `env` (the whole of it) and resolves once it printed its ready line. */
export async function startPlatformChild(
  env: Record<string, string | undefined>,
  timeoutMs = 90_000,
): Promise<PlatformChild> {
  const child = spawn(process.execPath, [MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`platform not ready in ${timeoutMs} ms:\n${out.slice(-3000)}`)),
      timeoutMs,
    );
    const check = () => {
      const m = /Zhongtai gateway: (\S+)/.exec(out);
      if (m && /^ready/m.test(out)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
  return {
    url,
    process: child,
    output: () => out,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
