import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type InboundLog, type PlatformSink, readInboundBody, refuseInbound } from '@zhongtai/adapter-kit';
import { DomainError } from '@zhongtai/contracts';
import type { Logger } from '@zhongtai/subgraph-kit';
import type { LegacyWorld } from './world.js';

export interface WebhookHost {
  url: string;
  stop(): Promise<void>;
}

export interface WebhookHostOptions {
  /** the largest body accepted (default: the kit's 256 KiB); larger ones get 413 */
  bodyLimitBytes?: number;
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
 * OMS by the order's natural key — replaying a signed OMS delivery is such a repeat).
 */
export async function startWebhookHost(
  runtime: { sink: Pick<PlatformSink, 'orderFeed' | 'wechat'>; inbound: Pick<InboundLog, 'once'> },
  world: { adapters: Pick<LegacyWorld['adapters'], 'oms' | 'wechat'> },
  logger: Logger,
  port = 0,
  opts: WebhookHostOptions = {},
): Promise<WebhookHost> {
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      const route = ROUTES.oms.path(path) ? 'oms' : ROUTES.wechat.path(path) ? 'wechat' : undefined;
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
          record = world.adapters.oms.parseWebhook(headers, body);
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
        event = await world.adapters.wechat.receiveWebhook(headers, body);
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
      res.writeHead(503).end('try again');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
