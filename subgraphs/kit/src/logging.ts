import { pino, type Logger } from 'pino';
import { currentStats } from './context.js';
import { currentTraceId } from './tracing.js';

export type { Logger };

/**
 * Structured JSON logs (pino: fast, the de-facto Node structured logger). A line written while a
 * request is handled carries its `requestId` (the `x-request-id` the gateway passes to every
 * subgraph) and, while tracing, its `traceId`: one request's lines are found in every process.
 */
export function createLogger(opts: {
  name: string;
  level?: string;
  destination?: NodeJS.WritableStream;
}): Logger {
  return pino(
    {
      name: opts.name,
      level: opts.level ?? 'info',
      base: { svc: opts.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const requestId = currentStats()?.requestId;
        const traceId = currentTraceId();
        return requestId || traceId ? { requestId, traceId } : {};
      },
    },
    opts.destination ?? process.stdout,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
