import { NotifySmsAdapter } from '@zhongtai/adapter-notify-sms';
import { ConfigError, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

/**
 * The message gateway surveys, apologies and store alerts go through (the `notify-sms` reference
 * adapter: SMS, e-mail, WeChat template messages): `NOTIFY_URL`, `NOTIFY_APP_ID`,
 * `NOTIFY_APP_SECRET`, optionally `NOTIFY_TIMEOUT_MS` / `NOTIFY_RETRIES`. Without `NOTIFY_URL` nothing
 * is sent: surveys wait for the member in the app, stores are not told.
 */
const notifyEnv = z
  .object({
    NOTIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
    NOTIFY_APP_ID: z.string().optional(),
    NOTIFY_APP_SECRET: z.string().optional(),
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).optional(),
    NOTIFY_RETRIES: z.coerce.number().int().min(0).max(10).optional(),
  })
  .refine((c) => !c.NOTIFY_URL || (c.NOTIFY_APP_ID && c.NOTIFY_APP_SECRET), {
    path: ['NOTIFY_APP_SECRET'],
    message: 'NOTIFY_URL needs NOTIFY_APP_ID and NOTIFY_APP_SECRET',
  });

/** The notification adapter the environment configures, or none; a ConfigError lists every problem. */
export function notifierFromEnv(env: Record<string, string | undefined>): NotifySmsAdapter | undefined {
  const c = parseEnv('zhongtai customer-service subgraph', notifyEnv, env);
  if (!c.NOTIFY_URL) return undefined;
  try {
    return new NotifySmsAdapter({
      baseUrl: c.NOTIFY_URL,
      appId: c.NOTIFY_APP_ID!,
      appSecret: c.NOTIFY_APP_SECRET!,
      timeoutMs: c.NOTIFY_TIMEOUT_MS,
      retries: c.NOTIFY_RETRIES,
    });
  } catch (error) {
    throw new ConfigError('zhongtai customer-service subgraph', [(error as Error).message]);
  }
}
