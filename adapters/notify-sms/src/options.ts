import type { LegacyHttpOptions } from '@zhongtai/adapter-kit';
import { z } from 'zod';

/** prom-client's Registry, named through the kit (prom-client is not a dependency of this package) */
type Registry = NonNullable<LegacyHttpOptions['registry']>;

export const NotifySmsOptionsSchema = z.object({
  /** where the gateway answers, e.g. https://msg-gw.intra */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** the gateway account (header X-Gw-AppId) */
  appId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an appId is 1–64 of A–Z, a–z, 0–9, _ and -'),
  /** the account's secret: signs every request; never sent */
  appSecret: z.string().min(8, 'an appSecret has at least 8 characters'),
  /** per attempt, ms */
  timeoutMs: z.number().int().min(50).max(60_000).default(3000),
  /** attempts after the first for 5xx, timeouts and dropped connections (safe: sends are idempotent by key) */
  retries: z.number().int().min(0).max(10).default(3),
  breaker: z
    .object({
      threshold: z.number().int().min(1).optional(),
      halfOpenAfterMs: z.number().int().min(10).optional(),
    })
    .optional(),
  /** metrics registry (prom-client), passed to the kit's HTTP client */
  registry: z.custom<Registry>((v) => typeof v === 'object' && v !== null).optional(),
  /** clock for the signed timestamp (tests) */
  now: z.custom<() => Date>((v) => typeof v === 'function').optional(),
});

export type NotifySmsOptions = z.input<typeof NotifySmsOptionsSchema>;
export type NotifySmsConfig = z.output<typeof NotifySmsOptionsSchema>;

/** Validates options; a misconfigured adapter fails when it is created, with every problem listed. */
export function parseNotifySmsOptions(options: unknown): NotifySmsConfig {
  const parsed = NotifySmsOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`notify-sms: invalid options\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
