import type { IncomingMessage, ServerResponse } from 'node:http';
import { type InboundLog, type PlatformSink, readInboundBody, refuseInbound } from '@zhongtai/adapter-kit';
import type { OmsMallAdapter } from '@zhongtai/adapter-oms-mall';
import type { WechatMpAdapter } from '@zhongtai/adapter-wechat-mp';
import { DomainError } from '@zhongtai/contracts';
import { type HealthCheck, type Logger, createHttpApp } from '@zhongtai/subgraph-kit';
import type { Registry } from 'prom-client';

export interface WebhookHost {
  url: string;
  /** `/readyz` 503 for `delayMs` while still receiving, then in-flight deliveries finish and it closes */
  stop(delayMs?: number): Promise<void>;
}

export interface WebhookHostOptions {
  /** the largest body accepted (default: the kit's 256 KiB); larger ones get 413 */
  bodyLimitBytes?: number;
  /** where to listen (default 127.0.0.1; 0.0.0.0 in a container) */
  host?: string;
  /** behind /readyz (default: none: ready once listening) */
  readiness?: HealthCheck[];
  metrics?: Registry;
  /** `/metrics` on a port of its own (METRICS_PORT) */
  metricsPort?: number;
}

/** The systems that push, each optional (a receiver answers 404 for one it does not have). */
export interface PushingAdapters {
  oms?: Pick<OmsMallAdapter, 'parseWebhook'>;
  wechat?: Pick<WechatMpAdapter, 'receiveWebhook'>;
}

export interface WebhookRuntime {
  sink: Pick<PlatformSink, 'orderFeed' | 'wechat'>;
  inbound: Pick<InboundLog, 'once'>;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

const ROUTES = {
  oms: { path: (p: string) => p === '/webhooks/oms', contentTypes: ['application/json'] },
  wechat: {
    path: (p: string) => p.startsWith('/webhooks/wechat'),
    contentTypes: ['text/xml', 'application/xml'],
  },
};

/**
 * Where legacy systems push: `POST /webhooks/oms` (signed orders and refunds) and
 * `POST /webhooks/wechat` (follow / QR-scan events). Bodies are read through the kit's
 * `readInboundBody`: other methods get 405, other content types 415, bodies over the limit 413
 * (unread, connection closed). A bad signature gets 401 and changes nothing, and so does a replayed
 * WeChat push (same timestamp and nonce); a repeated delivery is handled once (WeChat by message id,
 * OMS by the order's natural key — replaying a signed OMS delivery is such a repeat). The same server
 * answers `/healthz`, `/readyz` and `/metrics`, and stops gracefully (in-flight deliveries finish).
 */
export async function startWebhookHost(
  runtime: WebhookRuntime,
  pushing: { adapters: PushingAdapters },
  logger: Logger,
  port = 0,
  opts: WebhookHostOptions = {},
): Promise<WebhookHost> {
  const { adapters } = pushing;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      const route =
        ROUTES.oms.path(path) && adapters.oms
          ? 'oms'
          : ROUTES.wechat.path(path) && adapters.wechat
            ? 'wechat'
            : undefined;
      if (!route) return refuseInbound(req, res, 404, 'not found');
      const body = await readInboundBody(req, res, {
        limitBytes: opts.bodyLimitBytes,
        contentTypes: ROUTES[route].contentTypes,
      });
      if (body === undefined) return;
      const headers = headersOf(req);
      if (route === 'oms') {
        let record;
        try {
          record = adapters.oms!.parseWebhook(headers, body);
        } catch (error) {
          const details = (error as { details?: { ignorable?: boolean } }).details;
          if (details?.ignorable) return void res.writeHead(200).end('ignored');
          return void res.writeHead(401).end((error as Error).message);
        }
        await runtime.sink.orderFeed(record);
        return void res.writeHead(200).end('ok');
      }
      let event;
      try {
        event = await adapters.wechat!.receiveWebhook(headers, body);
      } catch (error) {
        // a nonce store that cannot answer is not the sender's fault: 503 below, WeChat retries
        if (!(error instanceof DomainError)) throw error;
        return void res.writeHead(401).end(error.message);
      }
      await runtime.inbound.once(
        'wechat-mp',
        event.messageId,
        async () => void (await runtime.sink.wechat(event)),
      );
      res.writeHead(200).end('success');
    } catch (error) {
      logger.warn({ err: error }, 'webhook could not be handled; the sender retries');
      if (!res.headersSent) res.writeHead(503).end('try again');
      else res.end();
    }
  };
  const app = createHttpApp({
    name: 'webhooks',
    logger,
    readiness: opts.readiness ?? [],
    metrics: opts.metrics,
    metricsPort: opts.metricsPort,
    fallback: handle,
  });
  const url = await app.listen(port, opts.host ?? '127.0.0.1');
  return {
    url,
    stop: async (delayMs = 0) => {
      await app.drain(delayMs);
      await app.close();
    },
  };
}
