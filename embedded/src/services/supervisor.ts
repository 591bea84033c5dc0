import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_GATEWAY_ACCOUNT } from '@zhongtai/adapter-notify-sms';
import { DEMO_WMS_LOCATIONS } from './demo-brand.js';
import { type DeployableName, RUN_ENTRY, SERVICE_ENTRIES } from './entries.js';
import {
  type ServiceName,
  type SubgraphName,
  SUBGRAPH_NAMES,
  servicePorts,
  subgraphUrlEnv,
} from './ports.js';

export interface ServicesOptions {
  /** the gateway's port; every other port follows from it (ports.ts) */
  port: number;
  /** where everything listens (default 127.0.0.1) */
  host?: string;
  /**
   * the environment every child starts from (secrets, LOG_LEVEL, TIME_ZONE, NODE_ENV…); the
   * supervisor sets the addresses (PORT, HOST, MONGODB_URI, REDIS_URL, GATEWAY_URL, SUBGRAPH_*_URL…)
   */
  env: Record<string, string | undefined>;
  /** a Redis of one's own: no redis-server is started (and `kill('redis')` is refused) */
  redisUrl?: string;
  /** a MongoDB of one's own: no store process is started */
  mongoUri?: string;
  /** the store's data (its journal and snapshots) and redis-server's AOF/RDB files (`<dataDir>/redis`) */
  dataDir?: string;
  /** with `dataDir`: EMBEDDED_DURABILITY of the store (fsync, batch, snapshot) */
  durability?: string;
  /** start the legacy/demo process (simulators, adapters, master-data seed); default true */
  seedDemo?: boolean;
  /** every line a child writes (default: on this process's stdout/stderr, prefixed with its name) */
  output?: (name: ServiceName, line: string, stream: 'stdout' | 'stderr') => void;
  /** the supervisor's own messages (default: console) */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** the delay before restarting a child that died: `initialMs` doubled per death in a row, up to `maxMs` */
  restartBackoff?: { initialMs?: number; maxMs?: number };
  /** how long a process may take to be ready (ms; default 120 s, the legacy/demo process 600 s) */
  readyTimeoutMs?: number;
  /** after SIGTERM, how long a process may take to exit before SIGKILL (ms; default 10 s) */
  stopTimeoutMs?: number;
}

export type ServiceState = 'starting' | 'ready' | 'down' | 'stopping' | 'stopped';

export interface ServiceStatus {
  state: ServiceState;
  pid?: number;
  url: string;
  /** unexpected deaths since start */
  deaths: number;
  /** the command a container image runs for it */
  command: string;
}

export interface Services {
  /** the gateway's GraphQL URL */
  gatewayUrl: string;
  /** every address: gateway, subgraphs, store, redis, legacy status, webhooks and the simulators */
  urls: Record<string, string>;
  /** processes that were started (redis and store are absent when REDIS_URL / MONGODB_URI were given) */
  names: ServiceName[];
  /**
   * Sends `signal` (default SIGKILL) to a process and resolves once it is gone. An unexpected death:
   * the supervisor says so and restarts it with backoff, unless `stayDown` (then only `restart` brings it back).
   */
  kill(name: ServiceName, signal?: NodeJS.Signals, opts?: { stayDown?: boolean }): Promise<void>;
  /** stops the process gracefully if it runs, starts it again now, and resolves once it is ready */
  restart(name: ServiceName): Promise<void>;
  /** resolves once the process is ready (again) */
  waitReady(name: ServiceName, timeoutMs?: number): Promise<void>;
  status(): Record<string, ServiceStatus>;
  /** the last lines a process wrote (diagnostics) */
  logs(name: ServiceName): string[];
  /** 'ready' (name), 'exit' (name, code, signal, expected), 'restarting' (name, delayMs) */
  events: EventEmitter;
  /** stops every process gracefully in the reverse order of the start */
  stop(): Promise<void>;
}

interface Spec {
  name: ServiceName;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  url: string;
  probe: () => Promise<boolean>;
  readyTimeoutMs: number;
  /** a Node process: it gets an IPC channel, so it stops by itself when the supervisor is killed */
  node: boolean;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOG_LINES = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Exit code of a configuration error (EX_CONFIG): restarting would not help. */
const EX_CONFIG = 78;

/** GET `url` answers 2xx; a fresh connection each time (nothing kept open between probes) */
function httpReady(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(!!res.statusCode && res.statusCode >= 200 && res.statusCode < 300);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve(false));
  });
}

function httpJson(url: string): Promise<unknown> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 2000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          resolve({});
        }
      });
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve({}));
  });
}

/** TCP connect, and for Redis a PING answered with PONG. */
function tcpReady(host: string, port: number, ping?: string, expect?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, host);
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(2000, () => finish(false));
    s.once('error', () => finish(false));
    s.once('connect', () => {
      if (!ping) return finish(true);
      s.write(ping);
    });
    let got = '';
    s.on('data', (d) => {
      got += d.toString('utf8');
      if (expect && got.includes(expect)) finish(true);
    });
    s.once('close', () => finish(false));
  });
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** redis-server on PATH, or an error that says how to get it. */
export function findRedisServer(env?: Record<string, string | undefined>): string {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8', env: env as NodeJS.ProcessEnv });
  if (found.status === 0) return 'redis-server';
  throw new Error(
    'redis-server is not installed: the multi-process mode runs one for the event bus and the cache. ' +
      'Install it (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL to a running Redis.',
  );
}

class Child {
  proc?: ChildProcess;
  state: ServiceState = 'stopped';
  deaths = 0;
  /** deaths in a row (reset once it stayed up a while): the backoff's exponent */
  streak = 0;
  readySince = 0;
  /** a kill with stayDown: only `restart` brings it back */
  held = false;
  /** an exit we asked for (stop, restart) */
  expected = false;
  restartTimer?: NodeJS.Timeout;
  readonly lines: string[] = [];
  private exitWaiters: Array<() => void> = [];

  constructor(
    readonly spec: Spec,
    private readonly sup: Supervisor,
  ) {}

  get command(): string {
    return [this.spec.command === process.execPath ? 'node' : this.spec.command, ...this.spec.args].join(' ');
  }

  get alive(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  spawn(): void {
    const { spec } = this;
    this.expected = false;
    this.state = 'starting';
    // a process group of its own: a Ctrl-C in the terminal reaches the supervisor only, which stops
    // everything in order
    const proc = spawn(spec.command, spec.args, {
      cwd: ROOT,
      env: spec.env as NodeJS.ProcessEnv,
      stdio: spec.node ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.proc = proc;
    for (const stream of ['stdout', 'stderr'] as const) {
      const rl = createInterface({ input: proc[stream]! });
      rl.on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > LOG_LINES) this.lines.shift();
        this.sup.output(spec.name, line, stream);
      });
    }
    proc.once('error', (error) => {
      this.sup.log('error', `${spec.name}: could not start ${this.command}: ${error.message}`);
      this.lines.push(`could not start: ${error.message}`);
      // never started (no exit event follows): it is not alive
      if (proc.pid === undefined && this.proc === proc) {
        this.proc = undefined;
        this.state = 'down';
      }
    });
    proc.once('exit', (code, signal) => {
      if (this.proc === proc) this.proc = undefined;
      const waiters = this.exitWaiters;
      this.exitWaiters = [];
      for (const w of waiters) w();
      this.sup.onExit(this, proc.pid, code, signal);
    });
  }

  exited(): Promise<void> {
    if (!this.alive) return Promise.resolve();
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  signal(signal: NodeJS.Signals): void {
    try {
      this.proc?.kill(signal);
    } catch {
      // already gone
    }
  }

  /** SIGTERM, then SIGKILL after `timeoutMs` */
  async stop(timeoutMs: number): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    if (!this.alive) {
      this.state = 'stopped';
      return;
    }
    this.expected = true;
    this.state = 'stopping';
    const gone = this.exited();
    this.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      gone.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      this.sup.log('warn', `${this.spec.name} did not stop within ${timeoutMs} ms of SIGTERM: SIGKILL`);
      this.signal('SIGKILL');
      await gone;
    }
    this.state = 'stopped';
  }

  /** polls the probe until it answers, the process dies or the time is up */
  async waitReady(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.state === 'ready' && this.alive) return;
      if (!this.alive) throw new Error(`${this.spec.name} exited before it was ready\n${this.tail()}`);
      if (this.alive && (await this.spec.probe())) {
        if (this.state === 'starting') this.markReady();
        if (this.state === 'ready') return;
      }
      if (Date.now() >= until)
        throw new Error(
          `${this.spec.name} was not ready within ${Math.round(timeoutMs / 1000)} s (${this.spec.url})\n${this.tail()}`,
        );
      await sleep(200);
    }
  }

  markReady(): void {
    this.state = 'ready';
    this.readySince = Date.now();
    this.sup.events.emit('ready', this.spec.name);
  }

  tail(n = 30): string {
    return this.lines
      .slice(-n)
      .map((l) => `  [${this.spec.name}] ${l}`)
      .join('\n');
  }
}

class Supervisor {
  readonly events = new EventEmitter();
  readonly children = new Map<ServiceName, Child>();
  stopping = false;
  started = false;
  readonly output: NonNullable<ServicesOptions['output']>;
  readonly log: NonNullable<ServicesOptions['log']>;
  private readonly initialMs: number;
  readonly maxMs: number;
  readonly stopTimeoutMs: number;

  constructor(readonly opts: ServicesOptions) {
    this.output =
      opts.output ??
      ((name, line, stream) =>
        (stream === 'stderr' ? process.stderr : process.stdout).write(`[${name}] ${line}\n`));
    this.log =
      opts.log ??
      ((level, message) =>
        level === 'info' ? console.log(`services: ${message}`) : console.error(`services: ${message}`));
    this.initialMs = opts.restartBackoff?.initialMs ?? 1000;
    this.maxMs = opts.restartBackoff?.maxMs ?? 30_000;
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
  }

  child(name: ServiceName): Child {
    const c = this.children.get(name);
    if (!c)
      throw new Error(
        `${name} is not run by this supervisor${name === 'redis' ? ' (REDIS_URL was given)' : name === 'store' ? ' (MONGODB_URI was given)' : ''}`,
      );
    return c;
  }

  onExit(child: Child, pid: number | undefined, code: number | null, signal: NodeJS.Signals | null): void {
    const { name } = child.spec;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const expected = this.stopping || child.expected;
    this.events.emit('exit', name, code, signal, expected);
    if (expected) {
      child.state = 'stopped';
      return;
    }
    const wasReady = child.state === 'ready';
    child.state = 'down';
    child.deaths++;
    if (!this.started && !wasReady) return; // the start fails on its own (waitReady)
    if (child.readySince && Date.now() - child.readySince > 60_000) child.streak = 0;
    if (code === EX_CONFIG) {
      this.log(
        'error',
        `!!! ${name} (pid ${pid}) stopped on a configuration error (${how}); not restarting it\n${child.tail()}`,
      );
      return;
    }
    if (child.held) {
      this.log('error', `!!! ${name} (pid ${pid}) died (${how}); kept down until restart("${name}")`);
      return;
    }
    const delay = Math.min(this.initialMs * 2 ** child.streak, this.maxMs);
    child.streak++;
    this.log(
      'error',
      `!!! ${name} (pid ${pid}) DIED UNEXPECTEDLY (${how}) — restarting it in ${(delay / 1000).toFixed(1)} s (death ${child.deaths})\n${child.tail(10)}`,
    );
    this.events.emit('restarting', name, delay);
    child.restartTimer = setTimeout(() => {
      child.restartTimer = undefined;
      if (this.stopping || child.held || child.alive) return;
      const since = Date.now();
      child.spawn();
      child.waitReady(child.spec.readyTimeoutMs).then(
        () =>
          this.log(
            'info',
            `${name} is back (pid ${child.proc?.pid}, ready in ${((Date.now() - since) / 1000).toFixed(1)} s)`,
          ),
        (error: Error) => this.log('warn', `${name} restart: ${error.message.split('\n')[0]}`),
      );
    }, delay);
    child.restartTimer.unref?.();
  }

  /** SIGKILL every child still running, synchronously (this process is exiting) */
  killAll = (): void => {
    for (const c of this.children.values()) if (c.alive) c.signal('SIGKILL');
  };
}

/** the command a container runs for `name` (`node embedded/dist/services/run.js <name>`) */
const nodeEntry = (name: DeployableName) => {
  for (const path of [RUN_ENTRY, SERVICE_ENTRIES[name]])
    if (!existsSync(join(ROOT, path)))
      throw new Error(`${path} is not built: run \`npx tsc --build\` first (npm run start:services builds)`);
  return { command: process.execPath, args: [RUN_ENTRY, name] };
};

/**
 * Starts the platform as separate OS processes, as the Helm chart runs it: redis-server (unless
 * `redisUrl`), the embedded store (unless `mongoUri`), the six subgraphs, the gateway and the
 * legacy/demo process, each waited for (`/readyz`; the store and Redis by their protocols). A process
 * that dies is restarted with backoff. Resolves once everything is ready; on a failed start,
 * whatever started is stopped and the error (with the culprit's last lines) is thrown.
 */
export async function startServices(opts: ServicesOptions): Promise<Services> {
  const host = opts.host ?? '127.0.0.1';
  const ports = servicePorts(opts.port);
  const seedDemo = opts.seedDemo ?? true;
  const sup = new Supervisor(opts);
  const readyTimeoutMs = opts.readyTimeoutMs ?? 120_000;
  const http = (port: number, path = '') => `http://${host}:${port}${path}`;

  const redisUrl = opts.redisUrl ?? `redis://${host}:${ports.redis}`;
  const mongoUri = opts.mongoUri ?? `mongodb://${host}:${ports.store}`;
  const gatewayUrl = http(ports.gateway, '/graphql');
  const urls: Record<string, string> = { gateway: gatewayUrl };
  for (const name of SUBGRAPH_NAMES) urls[name] = http(ports.subgraphs[name], '/graphql');
  urls.store = mongoUri;
  urls.redis = redisUrl;

  // the children's environment: the caller's, with the addresses of this layout
  const base: Record<string, string | undefined> = { ...opts.env };
  for (const key of [
    'SUBGRAPH_PORT_BASE',
    'GATEWAY_TRANSPORT',
    'SEED_DEMO',
    'DATA_DIR',
    'EMBEDDED_DURABILITY',
  ])
    delete base[key];
  const env = (extra: Record<string, string | undefined>) => ({
    ...base,
    HOST: host,
    REDIS_URL: redisUrl,
    MONGODB_URI: mongoUri,
    ...extra,
  });
  const specs: Spec[] = [];
  const wanted: Array<[string, number]> = [];

  if (!opts.redisUrl) {
    const command = findRedisServer(opts.env);
    const args = ['--port', String(ports.redis), '--bind', host];
    if (opts.dataDir) {
      const dir = join(opts.dataDir, 'redis');
      mkdirSync(dir, { recursive: true });
      // every write fsynced before Redis answers: an event the outbox saw XADDed survives a Redis
      // crash (with `everysec` up to a second of published events could be lost with it)
      args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always');
    } else args.push('--save', '', '--appendonly', 'no');
    specs.push({
      name: 'redis',
      command,
      args,
      env: { ...base },
      url: redisUrl,
      probe: () => tcpReady(host, ports.redis, 'PING\r\n', '+PONG'),
      readyTimeoutMs,
      node: false,
    });
    wanted.push(['redis', ports.redis]);
  }
  if (!opts.mongoUri) {
    specs.push({
      name: 'store',
      ...nodeEntry('store'),
      env: env({
        PORT: String(ports.store),
        DATA_DIR: opts.dataDir,
        EMBEDDED_DURABILITY: opts.durability,
        MONGODB_URI: undefined,
        REDIS_URL: undefined,
      }),
      url: mongoUri,
      probe: () => tcpReady(host, ports.store),
      readyTimeoutMs,
      node: true,
    });
    wanted.push(['store', ports.store]);
  }
  for (const name of SUBGRAPH_NAMES) {
    const wms: Record<string, string> =
      name === 'inventory' && seedDemo ? { WMS_URL: http(ports.wms), WMS_LOCATIONS: DEMO_WMS_LOCATIONS } : {};
    // the services that send messages (surveys, apologies, alerts; campaigns) get the message gateway
    if ((name === 'customer-service' || name === 'content') && seedDemo)
      Object.assign(wms, {
        NOTIFY_URL: http(ports.notify),
        NOTIFY_APP_ID: DEMO_GATEWAY_ACCOUNT.appId,
        NOTIFY_APP_SECRET: DEMO_GATEWAY_ACCOUNT.appSecret,
      });
    specs.push({
      name,
      ...nodeEntry(name),
      env: env({ PORT: String(ports.subgraphs[name]), GATEWAY_URL: gatewayUrl, ...wms }),
      url: urls[name],
      probe: () => httpReady(http(ports.subgraphs[name], '/readyz')),
      readyTimeoutMs,
      node: true,
    });
    wanted.push([name, ports.subgraphs[name]]);
  }
  specs.push({
    name: 'gateway',
    ...nodeEntry('gateway'),
    env: env({
      PORT: String(ports.gateway),
      MONGODB_URI: undefined,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((n: SubgraphName) => [subgraphUrlEnv(n), urls[n]])),
    }),
    url: gatewayUrl,
    probe: () => httpReady(http(ports.gateway, '/readyz')),
    readyTimeoutMs,
    node: true,
  });
  wanted.push(['gateway', ports.gateway]);
  if (seedDemo) {
    urls.legacy = http(ports.legacy);
    urls.webhooks = http(ports.webhooks, '/webhooks');
    urls.wms = http(ports.wms);
    urls.notify = http(ports.notify);
    specs.push({
      name: 'legacy',
      ...nodeEntry('legacy'),
      env: env({
        PORT: String(ports.legacy),
        GATEWAY_URL: gatewayUrl,
        WEBHOOK_PORT: String(ports.webhooks),
        WMS_PORT: String(ports.wms),
        NOTIFY_PORT: String(ports.notify),
        // the demo world's instant next to the store's data, as `npm start` keeps it
        DATA_DIR: opts.mongoUri ? undefined : opts.dataDir,
        REDIS_URL: undefined,
      }),
      url: urls.legacy,
      probe: () => httpReady(http(ports.legacy, '/readyz')),
      readyTimeoutMs: opts.readyTimeoutMs ?? 600_000,
      node: true,
    });
    wanted.push(
      ['legacy', ports.legacy],
      ['webhooks', ports.webhooks],
      ['wms', ports.wms],
      ['notify', ports.notify],
    );
  }

  const taken: string[] = [];
  for (const [what, port] of wanted) if (!(await portFree(host, port))) taken.push(`${port} (${what})`);
  if (taken.length)
    throw new Error(
      `ports in use on ${host}: ${taken.join(', ')} — another start is running, or choose another PORT (the layout needs PORT … PORT+14)`,
    );

  for (const spec of specs) sup.children.set(spec.name, new Child(spec, sup));
  process.once('exit', sup.killAll);

  const stop = async () => {
    if (sup.stopping) return;
    sup.stopping = true;
    const tiers: ServiceName[][] = [['legacy'], ['gateway'], [...SUBGRAPH_NAMES], ['store'], ['redis']];
    for (const tier of tiers)
      await Promise.all(
        tier
          .map((n) => sup.children.get(n))
          .filter((c): c is Child => !!c)
          .map((c) => c.stop(sup.stopTimeoutMs)),
      );
    process.off('exit', sup.killAll);
  };

  const startTier = async (names: ServiceName[]) => {
    const tier = names.map((n) => sup.children.get(n)).filter((c): c is Child => !!c);
    const started = Date.now();
    for (const c of tier) c.spawn();
    await Promise.all(
      tier.map(async (c) => {
        await c.waitReady(c.spec.readyTimeoutMs);
        sup.log(
          'info',
          `${c.spec.name} ready (pid ${c.proc?.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s): ${c.spec.url}`,
        );
      }),
    );
  };

  try {
    await startTier(['redis', 'store']);
    await startTier([...SUBGRAPH_NAMES]);
    await startTier(['gateway']);
    await startTier(['legacy']);
  } catch (error) {
    sup.log('error', `start failed: ${(error as Error).message}`);
    await stop();
    throw error;
  }
  sup.started = true;

  if (seedDemo) {
    // the simulators' own addresses, as the legacy/demo process reports them
    const body = (await httpJson(http(ports.legacy, '/readyz'))) as { simulators?: Record<string, string> };
    for (const [system, url] of Object.entries(body.simulators ?? {}))
      if (system !== 'wms' && system !== 'notify') urls[`sim:${system}`] = url;
  }

  return {
    gatewayUrl,
    urls,
    names: [...sup.children.keys()],
    events: sup.events,
    kill: async (name, signal = 'SIGKILL', killOpts = {}) => {
      const c = sup.child(name);
      c.held = !!killOpts.stayDown;
      if (c.held) {
        clearTimeout(c.restartTimer);
        c.restartTimer = undefined;
      }
      if (!c.alive) return;
      const gone = c.exited();
      c.signal(signal);
      await gone;
    },
    restart: async (name) => {
      const c = sup.child(name);
      if (sup.stopping) throw new Error('the services are stopping');
      c.held = false;
      await c.stop(sup.stopTimeoutMs);
      c.spawn();
      await c.waitReady(c.spec.readyTimeoutMs);
    },
    waitReady: async (name, timeoutMs) => {
      const c = sup.child(name);
      const until = Date.now() + (timeoutMs ?? c.spec.readyTimeoutMs + sup.maxMs);
      // a dead process is waited for until the supervisor has started it again (and again)
      for (;;) {
        if (c.state === 'ready' && c.alive) return;
        if (c.alive)
          try {
            return await c.waitReady(Math.max(until - Date.now(), 0));
          } catch (error) {
            if (Date.now() >= until) throw error;
          }
        if (Date.now() >= until)
          throw new Error(
            `${name} was not back within ${timeoutMs ?? c.spec.readyTimeoutMs} ms (${c.state})`,
          );
        await sleep(100);
      }
    },
    status: () =>
      Object.fromEntries(
        [...sup.children.values()].map((c) => [
          c.spec.name,
          { state: c.state, pid: c.proc?.pid, url: c.spec.url, deaths: c.deaths, command: c.command },
        ]),
      ),
    logs: (name) => [...sup.child(name).lines],
    stop,
  };
}
