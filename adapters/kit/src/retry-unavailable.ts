/**
 * Runs `fn` again when the platform did not answer — a timeout, a refused connection, a 5xx: what the
 * first calls of a restart may get while the platform catches up on the events a hard stop left
 * pending — at most `attempts` times, pausing 250 ms, 500 ms, 1 s... Only for idempotent calls: the
 * seed's upserts and the legacy sync's records carry their natural keys, so a repeat is a replay.
 * Whatever the platform answered (a refusal, a conflict) is thrown at once.
 */
export async function retryUnavailable<T>(fn: () => Promise<T>, attempts = 4, pauseMs = 250): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !unanswered(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * 2 ** (attempt - 1)));
    }
  }
}

/** `httpServiceCall`'s errors for a call that got no GraphQL answer (UPSTREAM_UNAVAILABLE, transport level). */
function unanswered(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return e?.code === 'UPSTREAM_UNAVAILABLE' && /^service call (failed|answered)/.test(e.message ?? '');
}
