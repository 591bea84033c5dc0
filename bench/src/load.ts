import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  requests: number;
}

/** Load and fault tests only target loopback addresses: anything else is refused. */
export function loopbackOnly(url: string): void {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
    throw new Error(`load tests only target loopback, not ${host}`);
}

/**
 * Runs autocannon against a loopback GraphQL endpoint. `bodies` rotate per request, so the
 * load does not hit one cached member. Bounded by `seconds`; only loopback targets are allowed.
 */
export async function load(opts: {
  name: string;
  url: string;
  token: string;
  bodies: string[];
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  loopbackOnly(opts.url);
  let i = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: opts.bodies[i++ % opts.bodies.length] }) }],
  });
  // a run in which nothing was answered measured nothing (every request outlasted the run)
  if (!result.requests.total) throw new Error(`${opts.name}: no request answered in ${opts.seconds} s`);
  return {
    name: opts.name,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

/** Sends one request and fails loudly unless the answer is the expected shape (a bench of errors measures nothing). */
export async function probe(
  url: string,
  token: string,
  body: string,
  check: (data: unknown) => boolean,
): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (!res.ok || json.errors || !check(json.data))
    throw new Error(`probe of ${url} failed: ${JSON.stringify(json).slice(0, 300)}`);
}
