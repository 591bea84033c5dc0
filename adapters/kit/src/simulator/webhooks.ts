import { signWebhook } from '../webhook.js';
import { seededRandom } from '../legacy-format.js';

/**
 * Delivers webhooks the way real senders misbehave: some twice (`duplicateRate`), in a shuffled
 * order (`shuffle`), retrying failed deliveries like a platform would. Returns the number of POSTs.
 */
export async function deliverWebhooks(
  url: string,
  bodies: string[],
  opts: {
    secret?: string;
    duplicateRate?: number;
    shuffle?: boolean;
    seed?: number;
    headers?: (body: string) => Record<string, string>;
    retries?: number;
  } = {},
): Promise<number> {
  const rnd = seededRandom(opts.seed ?? 7);
  const queue = bodies.flatMap((b) => (rnd() < (opts.duplicateRate ?? 0) ? [b, b] : [b]));
  if (opts.shuffle) queue.sort(() => rnd() - 0.5);
  let posts = 0;
  for (const body of queue) {
    for (let attempt = 0; attempt <= (opts.retries ?? 3); attempt++) {
      posts++;
      const headers = {
        'content-type': 'application/json',
        ...(opts.secret ? signWebhook(opts.secret, body) : {}),
        ...(opts.headers?.(body) ?? {}),
      };
      const ok = await fetch(url, { method: 'POST', headers, body }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
  return posts;
}
