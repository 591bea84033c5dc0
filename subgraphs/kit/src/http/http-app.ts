import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../logging.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void>;

export interface HealthCheck {
  name: string;
  check: () => Promise<boolean>;
  /**
   * `self` (default): this process cannot serve without it (its database); `dependency`: another part
   * it uses (a subgraph, Redis) — reported by `/readyz`, left out of `/readyz?scope=self`, the probe
   * a load balancer uses, so one part down does not take every healthy instance out of rotation
   */
  scope?: 'self' | 'dependency';
}

export interface HttpAppOptions {
  name: string;
  logger: Logger;
  /** POST/GET /graphql (absent: 404) */
  graphql?: Handler;
  /** checks behind /readyz: every one must answer true */
  readiness: HealthCheck[];
  metrics?: Registry;
  /**
   * serve `/metrics` on a port of its own (METRICS_PORT) instead of the main one: the scrapers may then
   * be let in to that port alone (a NetworkPolicy), never to `/graphql`
   */
  metricsPort?: number;
  /** extra routes by exact path */
  routes?: Record<string, Handler>;
  /** every other path (default: 404) */
  fallback?: Handler;
}

export interface HttpApp {
  server: Server;
  listen(port: number, host: string): Promise<string>;
  /**
   * The start of a graceful stop: `/readyz` answers 503 (the load balancer takes this instance out)
   * while requests are still served, for `delayMs` (the time the others need to notice)
   */
  drain(delayMs: number): Promise<void>;
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
      const url = req.url ?? '/';
      const path = url.split('?')[0];
      if (path === '/graphql' && opts.graphql) await opts.graphql(req, res, requestId);
      else if (path === '/healthz') sendJson(res, 200, { status: 'ok', name: opts.name });
      else if (path === '/readyz')
        await ready(res, new URLSearchParams(url.slice(path.length + 1)).get('scope') === 'self');
      else if (path === '/metrics' && opts.metrics && !opts.metricsPort) await sendMetrics(res);
      else if (opts.routes?.[path]) await opts.routes[path](req, res, requestId);
      else if (opts.fallback) await opts.fallback(req, res, requestId);
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

  async function sendMetrics(res: ServerResponse): Promise<void> {
    res.setHeader('content-type', opts.metrics!.contentType);
    res.end(await opts.metrics!.metrics());
  }
  const metricsServer =
    opts.metrics && opts.metricsPort
      ? createServer((req, res) => {
          if ((req.url ?? '/').split('?')[0] === '/metrics')
            sendMetrics(res).catch(() => res.writeHead(500).end());
          else sendJson(res, 404, { error: 'not found' });
        })
      : undefined;

  async function ready(res: ServerResponse, selfOnly: boolean): Promise<void> {
    if (closing) return sendJson(res, 503, { status: 'shutting down' });
    const checks = selfOnly ? opts.readiness.filter((c) => (c.scope ?? 'self') === 'self') : opts.readiness;
    const results = await Promise.all(
      checks.map(async (c) => [c.name, await c.check().catch(() => false)] as const),
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
    listen: async (port, host) => {
      if (metricsServer) await listenOn(metricsServer, opts.metricsPort!, host);
      return listenOn(server, port, host);
    },
    drain: async (delayMs) => {
      closing = true;
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    },
    close: async (graceMs = 4000) => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const until = Date.now() + graceMs;
      while (active > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      server.closeAllConnections();
      await closed;
      if (metricsServer?.listening) {
        metricsServer.closeAllConnections();
        await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      }
    },
  };
}

function listenOn(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`);
    });
  });
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
    // the rest of a refused body is still on the wire: this connection cannot carry another request
    ...(refusedBodies.has(res.req) ? { connection: 'close' } : {}),
  });
  res.end(json);
}

/** requests whose body `readBody` refused: their answer closes the connection */
const refusedBodies = new WeakSet<IncomingMessage>();

/**
 * Reads a request body up to `limit` bytes; a larger one resolves to null, and the caller answers
 * 413. A declared `content-length` over the limit is refused before anything is read. A refused
 * body is not buffered further: what still arrives is discarded, the answer (`sendJson`) carries
 * `connection: close`, and the socket is closed only once that answer is flushed and the client has
 * had a moment to read it (`lingerAfterRefusal`), so a keep-alive client sees the 413 and sends its
 * next request on a fresh connection instead of running into a reset one.
 */
export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string | null> {
  const declared = Number(headerValue(req, 'content-length'));
  if (declared > limit) {
    refuseBody(req);
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      refuseBody(req);
      resolve(null);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    // the client went away before the end of its body
    const onClose = () => onError(Object.assign(new Error('request aborted'), { code: 'ECONNRESET' }));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function refuseBody(req: IncomingMessage): void {
  refusedBodies.add(req);
  req.resume(); // discard the rest as it arrives; never destroy the request (that resets the socket at once)
  lingerAfterRefusal(req.socket);
}

/**
 * With `connection: close`, node destroys the socket as soon as the response is flushed
 * (`socket.destroySoon()`); if the client is still uploading the refused body, closing with unread
 * data makes the kernel send a reset, which can reach the client before it has read the 413. Instead
 * half-close (FIN after the response), keep discarding input until the client closes its side, and
 * destroy after `graceMs` at the latest (a lingering close, as nginx and Apache do).
 */
function lingerAfterRefusal(socket: Socket, graceMs = 2000): void {
  if (socket.destroyed) return;
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.destroyed) return;
    const timer = setTimeout(() => this.destroy(), graceMs);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    this.once('end', () => this.destroy());
    this.end();
    this.resume();
  };
}
