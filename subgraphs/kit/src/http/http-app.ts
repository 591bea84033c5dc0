import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../logging.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void>;

export interface HealthCheck {
  name: string;
  check: () => Promise<boolean>;
}

export interface HttpAppOptions {
  name: string;
  logger: Logger;
  /** POST/GET /graphql */
  graphql: Handler;
  /** checks behind /readyz: every one must answer true */
  readiness: HealthCheck[];
  metrics?: Registry;
  /** extra routes by exact path */
  routes?: Record<string, Handler>;
}

export interface HttpApp {
  server: Server;
  listen(port: number, host: string): Promise<string>;
  /** stops accepting, lets in-flight requests finish (up to `graceMs`), then closes every socket */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

/**
 * A plain node:http server with /graphql, /healthz, /readyz and /metrics. Plain node:http keeps the
 * hot path short (no framework middleware) and gives exact control over graceful shutdown.
 */
export function createHttpApp(opts: HttpAppOptions): HttpApp {
  let active = 0;
  let closing = false;

  const server = createServer(async (req, res) => {
    active++;
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
    res.setHeader('x-request-id', requestId);
    if (closing) res.setHeader('connection', 'close');
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/graphql') await opts.graphql(req, res, requestId);
      else if (path === '/healthz') sendJson(res, 200, { status: 'ok', name: opts.name });
      else if (path === '/readyz') await ready(res);
      else if (path === '/metrics' && opts.metrics) {
        res.setHeader('content-type', opts.metrics.contentType);
        res.end(await opts.metrics.metrics());
      } else if (opts.routes?.[path]) await opts.routes[path](req, res, requestId);
      else sendJson(res, 404, { error: 'not found' });
    } catch (error) {
      opts.logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      else res.end();
    } finally {
      active--;
    }
  });
  server.keepAliveTimeout = 65_000;

  async function ready(res: ServerResponse): Promise<void> {
    if (closing) return sendJson(res, 503, { status: 'shutting down' });
    const results = await Promise.all(
      opts.readiness.map(async (c) => [c.name, await c.check().catch(() => false)] as const),
    );
    const ok = results.every(([, up]) => up);
    sendJson(res, ok ? 200 : 503, {
      status: ok ? 'ready' : 'not ready',
      checks: Object.fromEntries(results),
    });
  }

  return {
    server,
    inFlight: () => active,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`);
        });
      }),
    close: async (graceMs = 4000) => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const until = Date.now() + graceMs;
      while (active > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      server.closeAllConnections();
      await closed;
    },
  };
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

/** Reads a request body up to `limit` bytes; larger bodies are refused with 413. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
