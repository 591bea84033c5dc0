import { z } from 'zod';
import { ConfigError, commonEnv, parseEnv, port, resolveJwt } from '@zhongtai/subgraph-kit';

/**
 * The adapters' deployables read their environment here (and nowhere else). A legacy system is
 * configured when its URL is set; its credentials then are required. Store codes map a legacy
 * system's codes to the platform's store ids: `SH001=store-sh-001,BJ001=store-bj-001`.
 */
const storeCodes = z
  .string()
  .transform((spec, ctx) => {
    const out: Record<string, string> = {};
    for (const part of spec
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const m = /^([^=\s]+)=([^=\s]+)$/.exec(part);
      if (!m) ctx.addIssue({ code: 'custom', message: `"${part}" is not CODE=store-id` });
      else out[m[1]] = m[2];
    }
    return out;
  })
  .optional();
const url = z.url({ protocol: /^https?$/ }).optional();

const legacyEnv = {
  /** the platform tenant these legacy systems belong to */
  TENANT: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a tenant id: lower-case letters, digits and -'),
  /** the platform, through its gateway (service tokens signed with INTERNAL_TOKEN_SECRET) */
  GATEWAY_URL: z.url(),
  /** the adapters' own database (checkpoints, inbound log, write queue, nonces): `zhongtai_adapters` */
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  HOST: z.string().default('0.0.0.0'),
  /** the platform's answer to one record may take this long (ms) */
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  CRM_URL: url,
  CRM_TOKEN: z.string().min(1).optional(),
  CRM_STORE_CODES: storeCodes,
  POS_URL: url,
  POS_STORE_CODES: storeCodes,
  OMS_URL: url,
  OMS_APP_KEY: z.string().min(1).optional(),
  OMS_APP_SECRET: z.string().min(1).optional(),
  OMS_WEBHOOK_SECRET: z.string().min(8).optional(),
  WECHAT_URL: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
  WECHAT_APP_ID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  WECHAT_TOKEN: z.string().optional(),
};

const needs = (c: Record<string, unknown>, when: string, keys: string[]) =>
  c[when] ? keys.filter((k) => !c[k]).map((k) => `${k}: required with ${when}`) : [];

function load<S extends z.ZodObject>(component: string, schema: S, env: Record<string, string | undefined>) {
  const c = parseEnv(component, schema, env) as z.infer<S> & Record<string, unknown>;
  const problems = [
    ...needs(c, 'OMS_URL', ['OMS_APP_KEY', 'OMS_APP_SECRET', 'OMS_WEBHOOK_SECRET']),
    ...needs(c, 'WECHAT_APP_ID', ['WECHAT_APP_SECRET', 'WECHAT_TOKEN']),
  ];
  let jwt;
  try {
    // the adapters call the gateway with service tokens: no users' key needed
    jwt = resolveJwt(c as unknown as Parameters<typeof resolveJwt>[0], { users: false });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length) throw new ConfigError(component, problems);
  return { ...c, internalSecret: jwt!.internalSecret };
}

const syncSchema = z.object({
  ...commonEnv,
  ...legacyEnv,
  /** `/healthz`, `/readyz`, `/metrics` */
  PORT: port(4010),
  /** a pass over every feed this often (ms) */
  SYNC_EVERY_MS: z.coerce.number().int().min(1_000).default(15_000),
});

/** `node adapters/worker/dist/sync-main.js`: the pull sync (CRM, POS, OMS). */
export function loadSyncConfig(env: Record<string, string | undefined>) {
  const c = load('zhongtai adapters sync', syncSchema, env);
  if (!c.CRM_URL && !c.POS_URL && !c.OMS_URL)
    throw new ConfigError('zhongtai adapters sync', ['CRM_URL, POS_URL or OMS_URL: nothing to pull from']);
  return c;
}

const webhooksSchema = z.object({
  ...commonEnv,
  ...legacyEnv,
  /** the receiver: `/webhooks/oms`, `/webhooks/wechat`, and `/healthz`, `/readyz`, `/metrics` */
  PORT: port(4011),
  /** the largest body accepted (bytes) */
  WEBHOOK_BODY_LIMIT: z.coerce.number().int().min(1_024).max(10_000_000).default(262_144),
});

/** `node adapters/worker/dist/webhooks-main.js`: the OMS's and WeChat's pushes. */
export function loadWebhooksConfig(env: Record<string, string | undefined>) {
  const c = load('zhongtai adapters webhooks', webhooksSchema, env);
  if (!c.OMS_URL && !c.WECHAT_APP_ID)
    throw new ConfigError('zhongtai adapters webhooks', [
      'OMS_URL or WECHAT_APP_ID: nothing pushes to this receiver',
    ]);
  return c;
}

export type LegacyConfig = ReturnType<typeof loadSyncConfig> | ReturnType<typeof loadWebhooksConfig>;
