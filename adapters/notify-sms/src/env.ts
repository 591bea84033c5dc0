import { z } from 'zod';
import { NotifySmsAdapter } from './client.js';

/**
 * The message gateway a service sends through, from its environment: `NOTIFY_URL`, `NOTIFY_APP_ID`,
 * `NOTIFY_APP_SECRET`, optionally `NOTIFY_TIMEOUT_MS` / `NOTIFY_RETRIES`. Without `NOTIFY_URL`
 * nothing is configured (undefined): the service sends nothing.
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

/** The adapter the environment configures, or none; every problem listed in one error's `problems`. */
export function notifySmsFromEnv(env: Record<string, string | undefined>): NotifySmsAdapter | undefined {
  const parsed = notifyEnv.safeParse(env);
  const fail = (problems: string[]) =>
    Object.assign(new Error(`notify-sms: ${problems.join('; ')}`), { problems });
  if (!parsed.success) throw fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const c = parsed.data;
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
    throw fail([(error as Error).message]);
  }
}
