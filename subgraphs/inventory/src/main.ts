import { WmsLegacyAdapter } from '@zhongtai/adapter-wms-legacy';
import { ConfigError, parseEnv, runSubgraphMain } from '@zhongtai/subgraph-kit';
import { z } from 'zod';
import { createInventorySubgraph, INVENTORY_SUBGRAPH } from './index.js';

/**
 * The WMS the inventory reads stock from live (the `wms-legacy` reference adapter): `WMS_URL` and
 * `WMS_LOCATIONS` (`<location id>=<WMS code>,…`, e.g. `store-sh-001=SH001,store-bj-001=BJ001`),
 * optionally `WMS_TIMEOUT_MS` / `WMS_RETRIES`. Without `WMS_URL` the subgraph serves the last known
 * stock (`recordStock` readings), labelled stale.
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

function wmsFromEnv(env: Record<string, string | undefined>): WmsLegacyAdapter | undefined {
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

let wms: WmsLegacyAdapter | undefined;
try {
  wms = wmsFromEnv(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}
await wms?.init();

/** The inventory subgraph as its own deployable (Helm runs one per subgraph). */
await runSubgraphMain(INVENTORY_SUBGRAPH, (deps) => createInventorySubgraph(deps, { wms }), process.env, {
  close: async () => wms?.destroy(),
});
