/**
 * A client the way a channel app or an adapter behaves under faults: every write carries its
 * idempotency key, and anything that did not get an answer (connection refused or reset, a 5xx,
 * UPSTREAM_UNAVAILABLE, INTERNAL_SERVER_ERROR, RATE_LIMITED) is sent again, with the same key, until
 * it is answered or the deadline passes. It records what it saw, for the fault run's table.
 */
export interface Call {
  kind: string;
  query: string;
  variables: Record<string, unknown>;
  token: string;
}

export interface Answer {
  data?: Record<string, unknown>;
  /** a definite refusal (BAD_USER_INPUT, INSUFFICIENT_POINTS, CONFLICT, FORBIDDEN, NOT_FOUND) */
  refused?: string;
}

export interface Tally {
  sent: number;
  /** answered with data on the first attempt */
  okFirst: number;
  /** answered with data after one or more retries */
  okAfterRetry: number;
  refused: Record<string, number>;
  /** what made the client retry, by cause */
  retriedOn: Record<string, number>;
  gaveUp: number;
}

const RETRY = new Set(['UPSTREAM_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED']);

export class FaultClient {
  readonly tallies = new Map<string, Tally>();

  constructor(private readonly url: () => string) {}

  async send(call: Call, deadline: number): Promise<Answer | undefined> {
    const t = this.tally(call.kind);
    t.sent++;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const cause = await this.once(call).then(
        (r) => r,
        (error: Error) => ({
          cause: `network: ${(error.cause as { code?: string })?.code ?? error.message}`,
        }),
      );
      if ('data' in cause) {
        if (attempt === 0) t.okFirst++;
        else t.okAfterRetry++;
        return { data: cause.data };
      }
      if ('refused' in cause) {
        t.refused[cause.refused] = (t.refused[cause.refused] ?? 0) + 1;
        return { refused: cause.refused };
      }
      t.retriedOn[cause.cause] = (t.retriedOn[cause.cause] ?? 0) + 1;
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 2 ** attempt)));
    }
    t.gaveUp++;
    return undefined;
  }

  private async once(
    call: Call,
  ): Promise<{ data: Record<string, unknown> } | { refused: string } | { cause: string }> {
    const res = await fetch(this.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${call.token}` },
      body: JSON.stringify({ query: call.query, variables: call.variables }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status >= 500 || res.status === 429) {
      await res.arrayBuffer().catch(() => undefined);
      return { cause: `HTTP ${res.status}` };
    }
    const body = (await res.json()) as {
      data?: Record<string, unknown> | null;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    const code = body.errors?.[0]?.extensions?.code;
    if (!code && body.data) return { data: body.data };
    if (code && RETRY.has(code)) return { cause: code };
    return { refused: code ?? `HTTP ${res.status}` };
  }

  private tally(kind: string): Tally {
    let t = this.tallies.get(kind);
    if (!t) {
      t = { sent: 0, okFirst: 0, okAfterRetry: 0, refused: {}, retriedOn: {}, gaveUp: 0 };
      this.tallies.set(kind, t);
    }
    return t;
  }

  /** The table of the closing note: what clients saw, per operation. */
  table(): string {
    const rows = [
      '| operation | sent | ok first try | ok after retry | refused | gave up | retried on |',
      '|---|---:|---:|---:|---|---:|---|',
    ];
    const fmt = (r: Record<string, number>) =>
      Object.entries(r)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ') || '—';
    for (const [kind, t] of this.tallies)
      rows.push(
        `| ${kind} | ${t.sent} | ${t.okFirst} | ${t.okAfterRetry} | ${fmt(t.refused)} | ${t.gaveUp} | ${fmt(t.retriedOn)} |`,
      );
    return rows.join('\n');
  }
}
