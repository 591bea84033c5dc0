import type { LegacyHttpOptions } from '@zhongtai/adapter-kit';
import { z } from 'zod';

/** prom-client's Registry, named through the kit (prom-client is not a dependency of this package) */
type Registry = NonNullable<LegacyHttpOptions['registry']>;

/** The WMS accepts at most this many (sku, location) pairs per stock query. */
export const WMS_MAX_BATCH = 50;

export const WmsLegacyOptionsSchema = z.object({
  /** where the WMS answers, e.g. http://wms.intra:8080 */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** platform location id → WMS location code (仓库编码), e.g. { "store-sh-001": "SH001" } */
  locations: z
    .record(z.string().min(1), z.string().regex(/^[A-Z0-9]{2,12}$/, 'a WMS code is 2–12 of A–Z, 0–9'))
    .refine((m) => Object.keys(m).length > 0, 'at least one location')
    .refine(
      (m) => new Set(Object.values(m)).size === Object.keys(m).length,
      'two locations share a WMS code (the answer could not be told apart)',
    ),
  /** pairs per call, at most 50 (the WMS's limit) */
  batchSize: z.number().int().min(1).max(WMS_MAX_BATCH).default(WMS_MAX_BATCH),
  /** per attempt, ms */
  timeoutMs: z.number().int().min(50).max(60_000).default(2000),
  /** attempts after the first for 5xx, timeouts and dropped connections */
  retries: z.number().int().min(0).max(10).default(3),
  breaker: z
    .object({
      threshold: z.number().int().min(1).optional(),
      halfOpenAfterMs: z.number().int().min(10).optional(),
    })
    .optional(),
  /** metrics registry (prom-client), passed to the kit's HTTP client */
  registry: z.custom<Registry>((v) => typeof v === 'object' && v !== null).optional(),
  /** clock for `asOf` of pairs the WMS does not know (tests) */
  now: z.custom<() => Date>((v) => typeof v === 'function').optional(),
});

export type WmsLegacyOptions = z.input<typeof WmsLegacyOptionsSchema>;
export type WmsLegacyConfig = z.output<typeof WmsLegacyOptionsSchema>;

/** Validates options; a misconfigured adapter fails when it is created, with every problem listed. */
export function parseWmsLegacyOptions(options: unknown): WmsLegacyConfig {
  const parsed = WmsLegacyOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`wms-legacy: invalid options\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
