import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from '../legacy-format.js';

/** Faults a simulator injects into its answers (R-AD-2 tests and demos). Rates are 0..1. */
export interface FaultPlan {
  /** added to every answer */
  latencyMs?: number;
  /** answer 503 */
  errorRate?: number;
  /** never answer (the client's timeout fires) */
  timeoutRate?: number;
  /** cut the connection without an answer */
  dropRate?: number;
}

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface SimResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** send `body` as is (XML, CSV) instead of JSON */
  raw?: boolean;
}

export type SimHandler = (req: SimRequest) => Promise<SimResponse> | SimResponse;

/**
 * A small HTTP server that behaves like a legacy system: the handler holds its data and its quirks,
 * the simulator adds faults. `POST /__faults` sets the fault plan remotely, `GET /__stats` counts calls.
 * `stop()` then `start()` brings it back on the same port (a system that went down and came back).
 */
export class Simulator {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private faults: FaultPlan = {};
  private readonly random: () => number;
  readonly stats = { requests: 0, errors: 0, timeouts: 0, drops: 0 };

  constructor(
    readonly name: string,
    private readonly handler: SimHandler,
    opts: { seed?: number } = {},
  ) {
    this.random = seededRandom(opts.seed ?? 42);
  }

  setFaults(plan: FaultPlan): void {
    this.faults = { ...plan };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.server;
  }

  /** `host`: where to listen (default loopback; 0.0.0.0 where other machines or pods call it) */
  async start(port = this.port, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.serve(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.url;
  }

  /** Goes down at once: open connections are cut, like a crashed process. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname === '/__faults' && req.method === 'POST') {
      this.setFaults(JSON.parse(body || '{}') as FaultPlan);
      return void res.writeHead(204).end();
    }
    if (url.pathname === '/__stats')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.stats));
    this.stats.requests++;
    const f = this.faults;
    if (f.latencyMs) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (f.dropRate && this.random() < f.dropRate) {
      this.stats.drops++;
      return void req.socket.destroy();
    }
    if (f.timeoutRate && this.random() < f.timeoutRate) {
      this.stats.timeouts++;
      setTimeout(() => req.socket.destroy(), 30_000).unref();
      return;
    }
    if (f.errorRate && this.random() < f.errorRate) {
      this.stats.errors++;
      return void res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    }
    try {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
      const out = await this.handler({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers,
        body,
      });
      const payload = out.raw ? String(out.body ?? '') : JSON.stringify(out.body ?? null);
      res.writeHead(out.status ?? 200, {
        'content-type': out.raw ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        ...out.headers,
      });
      res.end(payload);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String((error as Error).message));
    }
  }
}

/** Pages a list the way many old back offices do: `page` (1-based) and `size`, `total` in the answer. */
export function pageOf<T>(
  items: T[],
  query: URLSearchParams,
  maxSize = 100,
): { page: number; size: number; total: number; rows: T[] } {
  const size = Math.min(maxSize, Math.max(1, Number(query.get('size') ?? 20)));
  const page = Math.max(1, Number(query.get('page') ?? 1));
  return { page, size, total: items.length, rows: items.slice((page - 1) * size, page * size) };
}
