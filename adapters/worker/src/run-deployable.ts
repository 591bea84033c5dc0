import { type AdapterRuntime, createAdapterRuntime } from '@zhongtai/adapter-kit';
import {
  ConfigError,
  type Logger,
  createLogger,
  createRegistry,
  httpServiceCall,
  onSupervisorGone,
  otlpTracesUrl,
  startTracing,
} from '@zhongtai/subgraph-kit';
import type { Registry } from 'prom-client';
import type { LegacyConfig } from './config.js';

export interface Deployable<C extends LegacyConfig> {
  config: C;
  runtime: AdapterRuntime;
  logger: Logger;
  registry: Registry;
}

/**
 * The body of an adapters deployable: its environment read (a bad one: every problem printed, exit
 * 78), the adapters' runtime opened (their database, the platform through the gateway as
 * `service:adapters`), `start` run; SIGTERM (or the supervisor gone) stops it gracefully: `start`'s
 * stop function (in-flight work finishes), then the runtime. Past 8 s the process goes anyway.
 */
export async function runDeployable<C extends LegacyConfig>(
  name: string,
  load: () => C,
  start: (d: Deployable<C>) => Promise<() => Promise<void>>,
): Promise<void> {
  let config: C;
  try {
    config = load();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ name, level: config.LOG_LEVEL });
  const stopTracing = startTracing({
    serviceName: config.OTEL_SERVICE_NAME ?? name,
    url: otlpTracesUrl(config),
  });
  const registry = createRegistry({ labels: { service: name } });
  const runtime = await createAdapterRuntime({
    mongoUri: config.MONGODB_URI,
    call: httpServiceCall({
      url: () => config.GATEWAY_URL,
      secret: config.internalSecret,
      service: 'adapters',
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
    }),
    tenant: config.TENANT,
    registry,
  });
  const stopWork = await start({ config, runtime, logger, registry });
  logger.info(`${name} ready`);
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, `${name} stopping`);
    const force = setTimeout(() => {
      logger.error(`${name} did not stop in time; exiting`);
      process.exit(1);
    }, 8000);
    force.unref();
    await stopWork().catch((error) => logger.warn({ err: error }, 'stop step failed'));
    await runtime.close();
    await stopTracing?.().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  onSupervisorGone(() => void stop('supervisor gone'));
}
