/**
 * The idempotency key of one intended write. A write whose outcome is unknown (no answer, the gateway
 * or a subgraph unavailable, rate limited) is retried with the same key, so the ledger counts it once;
 * once an answer settles it (done, or refused and nothing changed), the next write gets a new key.
 */
export class IntentKeys {
  private pending: { signature: string; key: string } | undefined;

  constructor(private readonly newKey: () => string = randomKey) {}

  /** the key for this write: the pending one when this is the same write again, else a new one */
  keyFor(signature: string): string {
    if (this.pending?.signature !== signature) this.pending = { signature, key: this.newKey() };
    return this.pending.key;
  }

  /** after an answer: settled (`code` of a refusal, or none for success) or still unknown */
  answered(code?: string): void {
    if (!code || !UNKNOWN_OUTCOME.has(code)) this.pending = undefined;
  }

  get retrying(): boolean {
    return this.pending !== undefined;
  }
}

/** codes after which the write may or may not have happened */
const UNKNOWN_OUTCOME = new Set([
  'NETWORK_ERROR',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'RATE_LIMITED',
]);

/** 128 random bits; `crypto.getRandomValues` works on a plain-HTTP LAN page too (randomUUID needs HTTPS) */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `st-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
