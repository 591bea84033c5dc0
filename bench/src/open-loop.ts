import { performance } from 'node:perf_hooks';
import { seededRandom } from '@zhongtai/adapter-kit';
import { loopbackOnly } from './load.js';

export interface OpenLoopReply {
  index: number;
  status: number;
  text: string;
  headers: Headers;
  /** from the moment the request was due to its reply, ms (a late send counts against the server) */
  ms: number;
}

/**
 * Sends `count` POST requests to a loopback `url` at `rate` per second on average, whatever the
 * replies (open loop: arrivals do not wait for answers, as when members answer from their phones),
 * spaced as a Poisson process from a fixed seed so every run offers the same arrivals. Latency is
 * counted from each request's due time, so a load generator that falls behind does not hide it
 * (no coordinated omission). autocannon's `overallRate` is not used: it sends each connection's
 * share of a second in a burst at the start of that second.
 */
export async function openLoop(opts: {
  url: string;
  rate: number;
  count: number;
  headers: Record<string, string>;
  body: (index: number) => string;
  onReply: (reply: OpenLoopReply) => void;
  seed?: number;
}): Promise<{ seconds: number; errors: number }> {
  loopbackOnly(opts.url);
  const random = seededRandom(opts.seed ?? 42);
  const began = performance.now();
  let due = began;
  let errors = 0;
  let last = began;
  const inFlight: Array<Promise<void>> = [];
  for (let index = 0; index < opts.count; index++) {
    due += (-Math.log(1 - random()) / opts.rate) * 1000;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const at = due;
    inFlight.push(
      fetch(opts.url, { method: 'POST', headers: opts.headers, body: opts.body(index) })
        .then(async (res) => {
          const text = await res.text();
          last = performance.now();
          opts.onReply({ index, status: res.status, text, headers: res.headers, ms: last - at });
        })
        .catch(() => void errors++),
    );
  }
  await Promise.all(inFlight);
  return { seconds: (last - began) / 1000, errors };
}
