import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child<T> {
  proc: ChildProcess;
  message: T;
}

/** Forks a Node script and waits for its first IPC message (its URL or setup data). */
export function start<T>(
  script: string | URL,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<Child<T>> {
  const path = script instanceof URL ? fileURLToPath(script) : script;
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF_DIR: write a CPU profile of every server process there (open in Chrome DevTools)
    const profile = process.env.BENCH_CPU_PROF_DIR;
    const execArgv = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
    const proc = fork(path, [], {
      env: { ...process.env, ...env },
      execArgv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${path} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    proc.once('message', (message) => {
      clearTimeout(timer);
      resolve({ proc, message: message as T });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path} exited with code ${code} before it was ready`));
    });
  });
}

export async function stop(child: Child<unknown> | undefined): Promise<void> {
  if (!child || child.proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => child.proc.kill('SIGKILL'), 5000);
    child.proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.proc.kill('SIGTERM');
  });
}

let asked = 0;

/**
 * Asks a server process something over IPC (`{ id, ask }`) and waits for its reply (`{ id, …}`, or
 * `{ id, error }`): e.g. `commands` (database commands since the last `commands-reset`, once its events
 * are handled), `drain`.
 */
export function ask<T>(child: Child<unknown>, question: string, timeoutMs = 600_000): Promise<T> {
  const id = ++asked;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer to ${question} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: T & { id?: number; error?: string }) => {
      if (m?.id !== id) return;
      clearTimeout(timer);
      child.proc.off('message', onMessage);
      if (m.error) reject(new Error(`${question}: ${m.error}`));
      else resolve(m);
    };
    child.proc.on('message', onMessage);
    child.proc.send({ id, ask: question });
  });
}
