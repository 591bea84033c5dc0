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

/**
 * A free loopback port below the ephemeral range (so a restarted platform answers at the same
 * address, and no client connection takes the port as its own while the platform is down).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port on 127.0.0.1');
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
