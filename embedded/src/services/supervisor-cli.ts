import { ConfigError } from '@zhongtai/subgraph-kit';
import { loadSupervisorConfig } from './config.js';
import { SERVICE_NAMES, type ServiceName } from './ports.js';
import { type Services, startServices } from './supervisor.js';

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const NOISE = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'svc']);
const width = Math.max(...SERVICE_NAMES.map((n) => n.length));

/** a child's pino line, shortened: `[points]   info  points subgraph ready {"url":…}` */
function format(name: ServiceName, line: string): string {
  const prefix = `[${name}]`.padEnd(width + 2);
  if (!line.startsWith('{')) return `${prefix} ${line}`;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const rest = Object.fromEntries(Object.entries(entry).filter(([k]) => !NOISE.has(k)));
    const level = LEVELS[entry.level as number] ?? String(entry.level ?? '');
    return `${prefix} ${level.padEnd(5)} ${String(entry.msg ?? '')}${Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : ''}`;
  } catch {
    return `${prefix} ${line}`;
  }
}

/**
 * `npm run start:services`: the platform as separate processes (gateway, six subgraphs, the store,
 * redis-server, the legacy/demo process), supervised: a process that dies is restarted with
 * backoff; SIGINT/SIGTERM stops everything in the reverse order and exits 0.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadSupervisorConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const started = Date.now();
  let services: Services | undefined = undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`services: ${signal}: stopping everything (reverse order)`);
    const force = setTimeout(() => {
      console.error('services: shutdown took too long; exiting');
      process.exit(1);
    }, 60_000);
    force.unref();
    await services?.stop();
    console.log('services: stopped');
    process.exit(0);
  };
  // a signal during the start: stop what started as soon as startServices returns or fails
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  services = await startServices({
    port: config.PORT,
    host: config.HOST,
    env: process.env,
    redisUrl: config.REDIS_URL,
    mongoUri: config.MONGODB_URI,
    dataDir: config.DATA_DIR,
    durability: config.EMBEDDED_DURABILITY,
    seedDemo: config.SEED_DEMO,
    output: (name, line, stream) =>
      (stream === 'stderr' ? process.stderr : process.stdout).write(`${format(name, line)}\n`),
  });
  if (stopping) return void (await services.stop());
  const status = services.status();
  console.log('');
  for (const [name, url] of Object.entries(services.urls)) {
    const s = status[name];
    console.log(`  ${name.padEnd(18)} ${url.padEnd(36)} ${s ? `pid ${s.pid}  ${s.command}` : ''}`);
  }
  console.log('');
  console.log(`Zhongtai gateway: ${services.gatewayUrl}`);
  console.log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s — ${services.names.length} processes (token: npm run token -- --role HQ)`,
  );
}

main().catch((error) => {
  console.error('zhongtai services failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
