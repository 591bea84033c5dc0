import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { withClientSpan } from '@zhongtai/subgraph-kit';
import type { Registry } from 'prom-client';
import { AdapterError } from './errors.js';
import { adapterMetrics } from './metrics.js';

export interface LegacyHttpOptions {
  /** the adapter's identifier (metrics label, error prefix) */
  name: string;
  baseUrl: string;
  /** per attempt (default 2 s) */
  timeoutMs?: number;
  /** attempts after the first for retryable failures (default 3), with exponential backoff and jitter */
  retries?: number;
  /** consecutive failures that open the circuit (default 5) and how long it stays open (default 5 s) */
  breaker?: { threshold?: number; halfOpenAfterMs?: number };
  /** concurrent calls (default 16) and queued calls beyond them (default 64) */
  bulkhead?: { limit?: number; queue?: number };
  headers?: Record<string, string>;
  registry?: Registry;
}

export interface LegacyResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
}

export interface LegacyHttp {
  request<T = unknown>(
    method: string,
    path: string,
    opts?: {
      query?: Record<string, string | number | undefined>;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<LegacyResponse<T>>;
  /** 'closed' | 'halfOpen' | 'open' */
  state(): string;
}

/**
 * A client for a slow, failing legacy system (R-AD-2), built from cockatiel's policies rather than
 * hand-rolled loops: bulkhead → circuit breaker → retry (exponential backoff with decorrelated
 * jitter) → per-attempt timeout. 5xx, timeouts and dropped connections are retried; 4xx are not
 * (the request itself is wrong). When the circuit is open calls fail fast with a retryable error,
 * which is what puts writes into flight mode (see LegacyWriteQueue).
 */
export function createLegacyHttp(opts: LegacyHttpOptions): LegacyHttp {
  // a timed-out attempt (TaskCancelledError) is as retryable as a 5xx
  const retryable = handleWhen(
    (e) => (e instanceof AdapterError && e.retryable) || e instanceof TaskCancelledError,
  );
  const breaker = circuitBreaker(retryable, {
    halfOpenAfter: opts.breaker?.halfOpenAfterMs ?? 5000,
    breaker: new ConsecutiveBreaker(opts.breaker?.threshold ?? 5),
  });
  const policy = wrap(
    bulkhead(opts.bulkhead?.limit ?? 16, opts.bulkhead?.queue ?? 64),
    breaker,
    retry(retryable, {
      maxAttempts: opts.retries ?? 3,
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 2000 }),
    }),
    timeout(opts.timeoutMs ?? 2000, TimeoutStrategy.Aggressive),
  );
  const metrics = opts.registry ? adapterMetrics(opts.registry) : undefined;
  const stateName = () =>
    breaker.state === CircuitState.Open || breaker.state === CircuitState.Isolated
      ? 'open'
      : breaker.state === CircuitState.HalfOpen
        ? 'halfOpen'
        : 'closed';
  breaker.onStateChange(() =>
    metrics?.breaker.set({ adapter: opts.name }, { closed: 0, halfOpen: 1, open: 2 }[stateName()]!),
  );

  async function once<T>(
    method: string,
    url: string,
    body: unknown,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<LegacyResponse<T>> {
    let res: Response;
    try {
      // a span per attempt while tracing: the legacy system's calls in the request's (or the sync's) trace
      res = await withClientSpan(
        `${opts.name} ${method}`,
        { 'zt.adapter': opts.name, 'http.request.method': method },
        (trace) =>
          fetch(url, {
            method,
            headers: {
              accept: 'application/json',
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...opts.headers,
              ...headers,
              ...trace,
            },
            body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
            signal,
          }),
      );
    } catch (error) {
      throw new AdapterError(
        opts.name,
        `no answer (${(error as Error).name === 'AbortError' ? 'timeout' : (error as Error).message})`,
        true,
      );
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new AdapterError(
        opts.name,
        `connection dropped while reading (${(error as Error).message})`,
        true,
      );
    }
    if (res.status >= 500 || res.status === 429)
      throw new AdapterError(opts.name, `answered ${res.status}`, true, res.status);
    if (res.status >= 400)
      throw new AdapterError(
        opts.name,
        `refused the request (${res.status}: ${text.slice(0, 200)})`,
        false,
        res.status,
      );
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AdapterError(opts.name, 'answered with malformed JSON', true, res.status);
      }
    }
    return { status: res.status, body: parsed as T, text };
  }

  return {
    state: stateName,
    async request<T>(
      method: string,
      path: string,
      o: {
        query?: Record<string, string | number | undefined>;
        body?: unknown;
        headers?: Record<string, string>;
      } = {},
    ) {
      const url = new URL(path, opts.baseUrl);
      for (const [k, v] of Object.entries(o.query ?? {}))
        if (v !== undefined) url.searchParams.set(k, String(v));
      const started = process.hrtime.bigint();
      try {
        const res = await policy.execute(({ signal }) =>
          once<T>(method, url.toString(), o.body, o.headers ?? {}, signal),
        );
        metrics?.calls.inc({ adapter: opts.name, outcome: 'ok' });
        return res;
      } catch (error) {
        const e =
          error instanceof AdapterError
            ? error
            : error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError
              ? new AdapterError(opts.name, 'circuit open: the system keeps failing', true)
              : error instanceof BulkheadRejectedError
                ? new AdapterError(opts.name, 'too many calls in flight', true)
                : error instanceof TaskCancelledError
                  ? new AdapterError(opts.name, `no answer within ${opts.timeoutMs ?? 2000} ms`, true)
                  : new AdapterError(opts.name, (error as Error).message, true);
        metrics?.calls.inc({ adapter: opts.name, outcome: e.retryable ? 'unavailable' : 'refused' });
        throw e;
      } finally {
        metrics?.seconds.observe({ adapter: opts.name }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    },
  };
}
