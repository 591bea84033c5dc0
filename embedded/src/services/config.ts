import { z } from 'zod';
import {
  DEFAULT_EMBEDDED_DURABILITY,
  EMBEDDED_DURABILITIES,
  commonEnv,
  parseEnv,
  port,
  resolveJwt,
} from '@zhongtai/subgraph-kit';

/**
 * The environment of the multi-process mode's own processes (the only reader of process.env for
 * them): the supervisor (`start:services`), the store process and the legacy/demo process. The
 * gateway and the subgraphs read theirs in their own packages.
 */

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');
const durability = z.enum(EMBEDDED_DURABILITIES).default(DEFAULT_EMBEDDED_DURABILITY);

const supervisorSchema = z.object({
  ...commonEnv,
  /** the gateway's port; every other port follows from it (ports.ts) */
  PORT: z.coerce
    .number()
    .int()
    .min(1, 'the multi-process mode needs a fixed port (its processes find each other by it)')
    .max(65521)
    .default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** keep the store's data (and the throwaway redis-server's AOF/RDB files, in DATA_DIR/redis) between starts */
  DATA_DIR: z.string().optional(),
  EMBEDDED_DURABILITY: durability,
  SEED_DEMO: flag('true'),
});

/** `npm run start:services`. REDIS_URL / MONGODB_URI given: that Redis / that MongoDB, no process of ours. */
export function loadSupervisorConfig(env: Record<string, string | undefined> = process.env) {
  const c = parseEnv('zhongtai services', supervisorSchema, env);
  // the children resolve the same variables; a bad secret is refused here, before anything starts
  resolveJwt(c);
  return c;
}

const storeSchema = z.object({
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  PORT: port(27017),
  HOST: z.string().default('127.0.0.1'),
  /** keep the data in this folder between starts (journal and snapshots) */
  DATA_DIR: z.string().optional(),
  EMBEDDED_DURABILITY: durability,
});

/** `node embedded/dist/services/store-main.js`: the embedded store served over the wire. */
export function loadStoreConfig(env: Record<string, string | undefined> = process.env) {
  return parseEnv('zhongtai store', storeSchema, env);
}

const legacySchema = z.object({
  ...commonEnv,
  /** `/healthz`, `/readyz` (ready once the demo brand is seeded and synced) */
  PORT: port(4012),
  HOST: z.string().default('127.0.0.1'),
  /** where the platform is reached (service tokens signed with INTERNAL_TOKEN_SECRET) */
  GATEWAY_URL: z.url(),
  /** the adapters' own database (checkpoints, inbound log, flight outbox): `zhongtai_adapters` there */
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  /** the webhook receiver (0: any free port) */
  WEBHOOK_PORT: port(0),
  /** the WMS simulator: fixed, so the inventory subgraph's WMS_URL can point at it (0: any free port) */
  WMS_PORT: port(0),
  NOTIFY_PORT: port(0),
  /** with the store's DATA_DIR: the demo world's instant is kept there (as `npm start` does) */
  DATA_DIR: z.string().optional(),
  /** pull the legacy systems again every … ms */
  LEGACY_SYNC_EVERY_MS: z.coerce.number().int().min(1000).default(15_000),
});

/** `node embedded/dist/services/legacy-main.js`: the demo brand's legacy systems, adapters and seed. */
export function loadLegacyConfig(env: Record<string, string | undefined> = process.env) {
  const c = parseEnv('zhongtai legacy', legacySchema, env);
  // its adapters and seed call the gateway with service tokens: no users' key needed
  return { ...c, jwt: resolveJwt(c, { users: false }) };
}
