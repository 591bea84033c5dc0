import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino: fast, the de-facto Node structured logger). */
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
    },
    opts.destination ?? process.stdout,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
