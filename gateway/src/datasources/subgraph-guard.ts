import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import { Gauge, Histogram, type Registry } from 'prom-client';

export interface SubgraphCallSettings {
  /** the whole call (connect, send, answer) must end within this (ms; default 10 s) */
  timeoutMs?: number;
  /** consecutive failed calls that open a subgraph's circuit (default 5) */
  breakerThreshold?: number;
  /** how long an open circuit fails calls at once before one is let through (ms; default 10 s) */
  halfOpenAfterMs?: number;
}

export const DEFAULT_SUBGRAPH_CALLS = { timeoutMs: 10_000, breakerThreshold: 5, halfOpenAfterMs: 10_000 };

interface CallMetrics {
  duration: Histogram<'subgraph' | 'outcome'>;
  circuit: Gauge<'subgraph'>;
}
const byRegistry = new WeakMap<Registry, CallMetrics>();
function callMetrics(registry: Registry): CallMetrics {
  let m = byRegistry.get(registry);
  if (!m) {
    m = {
      duration: new Histogram({
        name: 'zt_subgraph_call_duration_seconds',
        help: "The gateway's calls to each subgraph, by outcome (ok, error, timeout, circuit_open)",
        labelNames: ['subgraph', 'outcome'],
        buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
        registers: [registry],
      }),
      circuit: new Gauge({
        name: 'zt_subgraph_circuit_state',
        help: "The gateway's circuit breaker per subgraph: 0 closed, 1 half-open, 2 open",
        labelNames: ['subgraph'],
        registers: [registry],
      }),
    };
    byRegistry.set(registry, m);
  }
  return m;
}

/** Raised for a call that was not made (circuit open) or did not end in time. */
export class SubgraphCallError extends Error {
  constructor(
    message: string,
    readonly outcome: 'timeout' | 'circuit_open',
  ) {
    super(message);
  }
}

/**
 * What stands between the gateway and one subgraph (cockatiel's circuit breaker, a deadline per call):
 * a subgraph that hangs costs a request at most `timeoutMs`, and one that keeps failing is not called
 * at all for `halfOpenAfterMs` — its fields answer null with UPSTREAM_UNAVAILABLE at once while the
 * rest of the response is served. Every call is timed by outcome; the circuit's state is a gauge.
 */
export class SubgraphGuard {
  private readonly breaker;
  private readonly timeoutMs: number;
  private readonly metrics?: CallMetrics;

  constructor(
    readonly name: string,
    settings: SubgraphCallSettings = {},
    registry?: Registry,
  ) {
    const s = { ...DEFAULT_SUBGRAPH_CALLS, ...settings };
    this.timeoutMs = s.timeoutMs;
    this.breaker = circuitBreaker(handleAll, {
      halfOpenAfter: s.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(s.breakerThreshold),
    });
    this.metrics = registry ? callMetrics(registry) : undefined;
    this.metrics?.circuit.set({ subgraph: name }, 0);
    this.breaker.onStateChange(() => this.metrics?.circuit.set({ subgraph: name }, this.stateCode()));
  }

  /** 0 closed, 1 half-open, 2 open */
  stateCode(): number {
    const s = this.breaker.state;
    return s === CircuitState.Open || s === CircuitState.Isolated ? 2 : s === CircuitState.HalfOpen ? 1 : 0;
  }

  /** Runs one call with the deadline's signal, through the breaker. */
  async call<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    let outcome = 'ok';
    try {
      return await this.breaker.execute(async () => {
        const signal = AbortSignal.timeout(this.timeoutMs);
        try {
          return await fn(signal);
        } catch (error) {
          if (signal.aborted) throw new SubgraphCallError(`no answer within ${this.timeoutMs} ms`, 'timeout');
          throw error;
        }
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        outcome = 'circuit_open';
        throw new SubgraphCallError('circuit open: it kept failing; tried again shortly', 'circuit_open');
      }
      outcome = error instanceof SubgraphCallError ? error.outcome : 'error';
      throw error;
    } finally {
      this.metrics?.duration.observe(
        { subgraph: this.name, outcome },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }
}
