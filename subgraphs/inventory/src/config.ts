import { WmsLegacyAdapter } from '@zhongtai/adapter-wms-legacy';
import { ConfigError, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

/**
 * The WMS the inventory reads stock from live (the `wms-legacy` reference adapter): `WMS_URL` and
 * `WMS_LOCATIONS` (`<location id>=<WMS code>,…`, e.g. `store-sh-001=SH001,store-bj-001=BJ001`),
 * optionally `WMS_TIMEOUT_MS` / `WMS_RETRIES`. Without `WMS_URL` the subgraph reads no stock live:
 * availability is the last `recordStock` readings.
 */
const wmsEnv = z
  .object({
    WMS_URL: z.url({ protocol: /^https?$/ }).optional(),
    WMS_LOCATIONS: z
      .string()
      .transform((spec, ctx) => {
        const locations: Record<string, string> = {};
        for (const part of spec
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const [id, code, extra] = part.split('=').map((p) => p.trim());
          if (!id || !code || extra !== undefined)
            ctx.addIssue({ code: 'custom', message: `"${part}" is not <location id>=<WMS code>` });
          else locations[id] = code;
        }
        return locations;
      })
      .optional(),
    WMS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).optional(),
    WMS_RETRIES: z.coerce.number().int().min(0).max(10).optional(),
  })
  .refine((c) => !c.WMS_URL || (c.WMS_LOCATIONS && Object.keys(c.WMS_LOCATIONS).length > 0), {
    path: ['WMS_LOCATIONS'],
    message: 'WMS_URL needs the locations it answers for (<location id>=<WMS code>,…)',
  });

/** The WMS adapter the environment configures, or none; a ConfigError lists every problem. */
export function wmsFromEnv(env: Record<string, string | undefined>): WmsLegacyAdapter | undefined {
  const c = parseEnv('zhongtai inventory subgraph', wmsEnv, env);
  if (!c.WMS_URL) return undefined;
  try {
    return new WmsLegacyAdapter({
      baseUrl: c.WMS_URL,
      locations: c.WMS_LOCATIONS ?? {},
      timeoutMs: c.WMS_TIMEOUT_MS,
      retries: c.WMS_RETRIES,
    });
  } catch (error) {
    throw new ConfigError('zhongtai inventory subgraph', [(error as Error).message]);
  }
}
