import { type AdapterRuntime, createAdapterRuntime } from '@zhongtai/adapter-kit';
import {
  type Logger,
  configOrExit,
  createLogger,
  createRegistry,
  httpServiceCall,
  otlpTracesUrl,
  startTracing,
  stopOnSignals,
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
 * stop function (in-flight work finishes), then the runtime. Past the delay + 8 s the process goes anyway.
 */
export async function runDeployable<C extends LegacyConfig>(
  name: string,
  load: () => C,
  start: (d: Deployable<C>) => Promise<() => Promise<void>>,
): Promise<void> {
  const config = configOrExit(name, load);
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
  stopOnSignals({
    name,
    logger,
    budgetMs: config.SHUTDOWN_DELAY_MS + 8000,
    stop: async () => {
      await stopWork().catch((error) => logger.warn({ err: error }, 'stop step failed'));
      await runtime.close();
      await stopTracing?.().catch(() => undefined);
    },
  });
}
