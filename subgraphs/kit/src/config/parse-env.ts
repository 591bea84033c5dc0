import { z } from 'zod';
import {
  DEFAULT_TIME_ZONE,
  type TenantCalendar,
  createTenantCalendar,
  isTimeZone,
  parseTenantZones,
} from '../calendar.js';
import { type Clock, OffsetFileClock, systemClock } from '../clock.js';

/** Thrown at start when the environment is invalid; the message lists every problem at once. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(component: string, problems: string[]) {
    super(`Invalid configuration for ${component}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Validates `env` against `schema`. Empty strings count as unset, so `FOO=` in a shell or a
 * Helm value does not silently become a bad value.
 */
export function parseEnv<S extends z.ZodType>(
  component: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value !== '') cleaned[key] = value;
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(env)';
    const got = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
    return `${key}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(redact(key, got))})`}`;
  });
  throw new ConfigError(component, problems);
}

function redact(key: string, value: string): string {
  return /SECRET|PASSWORD|TOKEN|KEY/i.test(key) ? '***' : value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEV_SECRET = 'dev-only-secret-change-me';
const DEV_INTERNAL_SECRET = 'dev-only-internal-token-secret-change-me';

/** Variables every deployable shares (RUNTIME.md). */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** HS256 key of the platform's internal tokens (gateway → subgraph, service → gateway) */
  INTERNAL_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** consumers' backlog (events) above which history imports wait (ImportGate; 0 < n) */
  IMPORT_MAX_BACKLOG: z.coerce.number().int().min(1).default(5_000),
  /**
   * on SIGTERM, answer `/readyz` 503 and keep serving this long (ms) before closing: a load balancer
   * (Kubernetes' endpoints) stops routing here first. 0 locally; the Helm chart sets 5000.
   */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** `/metrics` on a port of its own (unset: on the main port, beside `/graphql`) */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** OpenTelemetry tracing (off unless an endpoint is set): the OTLP/HTTP collector */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  /** development and tests only: a file holding a clock offset in ms (`OffsetFileClock`; e2e tests move time with it) */
  CLOCK_OFFSET_FILE: z.string().min(1).optional(),
  /** the tenants' business time zone: days of caps, buckets, expiry and reviews, month arithmetic */
  TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default(DEFAULT_TIME_ZONE),
  /** `tenant=Zone,tenant=Zone`: tenants whose business time zone is not TIME_ZONE */
  TENANT_TIME_ZONES: z
    .string()
    .transform((spec, ctx) => {
      const { zones, problems } = parseTenantZones(spec);
      for (const p of problems) ctx.addIssue({ code: 'custom', message: p });
      return zones;
    })
    .optional(),
};

/**
 * Reads a part of a deployable's configuration (e.g. an adapter from its environment): a failure
 * that lists `problems` (a ConfigError, or an adapter's own) is printed with every problem and the
 * process exits with 78 (EX_CONFIG), as a bad environment does in `runSubgraphMain`.
 */
export function configOrExit<T>(service: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const problems = (error as { problems?: string[] }).problems;
    if (!problems) throw error;
    console.error(new ConfigError(service, problems).message);
    process.exit(78);
  }
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export interface JwtSettings {
  /** HS256 key of users' tokens */
  secret?: string;
  /** verify users' RS256/ES256 tokens from an identity provider instead */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** key of the internal tokens (gateway → subgraph, service → gateway) */
  internalSecret: string;
}

/**
 * A production start needs a real signing secret or a JWKS for users, and an internal key of its
 * own; development falls back to the dev secrets. `users: false` for a deployable that never sees a
 * user's token (the subgraphs and the adapters trust only internal tokens): no users' key required,
 * none kept.
 */
export function resolveJwt(
  c: {
    NODE_ENV: string;
    JWT_SECRET?: string;
    JWT_JWKS_URL?: string;
    JWT_ISSUER?: string;
    JWT_AUDIENCE?: string;
    INTERNAL_TOKEN_SECRET?: string;
  },
  opts: { users?: boolean } = {},
): JwtSettings {
  const production = c.NODE_ENV === 'production';
  const users = opts.users ?? true;
  const problems: string[] = [];
  if (users && production && !c.JWT_JWKS_URL && (!c.JWT_SECRET || c.JWT_SECRET === DEV_SECRET))
    problems.push('JWT_SECRET: a production start (NODE_ENV=production) needs a real secret or JWT_JWKS_URL');
  if (production && (!c.INTERNAL_TOKEN_SECRET || c.INTERNAL_TOKEN_SECRET === DEV_INTERNAL_SECRET))
    problems.push(
      'INTERNAL_TOKEN_SECRET: a production start needs the internal key of the gateway and services',
    );
  const internalSecret = c.INTERNAL_TOKEN_SECRET ?? DEV_INTERNAL_SECRET;
  if (c.JWT_SECRET && c.JWT_SECRET === internalSecret)
    problems.push(
      'INTERNAL_TOKEN_SECRET: must differ from JWT_SECRET (users must not be able to mint internal tokens)',
    );
  if (problems.length) throw new ConfigError('auth', problems);
  return {
    secret: !users ? undefined : c.JWT_JWKS_URL ? c.JWT_SECRET : (c.JWT_SECRET ?? DEV_SECRET),
    jwksUrl: c.JWT_JWKS_URL,
    issuer: c.JWT_ISSUER,
    audience: c.JWT_AUDIENCE,
    internalSecret,
  };
}

/** The tenants' calendar from the validated `TIME_ZONE` and `TENANT_TIME_ZONES` (passed down as `deps.calendar`). */
export function resolveCalendar(c: {
  TIME_ZONE: string;
  TENANT_TIME_ZONES?: Record<string, string>;
}): TenantCalendar {
  return createTenantCalendar({ defaultZone: c.TIME_ZONE, zones: c.TENANT_TIME_ZONES });
}

/**
 * The process's clock: the system's, or in development and tests `CLOCK_OFFSET_FILE`'s (a production start
 * with it refuses: nobody moves a production clock).
 */
export function resolveClock(c: { NODE_ENV: string; CLOCK_OFFSET_FILE?: string }): Clock {
  if (!c.CLOCK_OFFSET_FILE) return systemClock;
  if (c.NODE_ENV === 'production')
    throw new ConfigError('clock', ['CLOCK_OFFSET_FILE: a production start keeps the system clock']);
  return new OffsetFileClock(c.CLOCK_OFFSET_FILE);
}

export { DEV_SECRET, DEV_INTERNAL_SECRET };
