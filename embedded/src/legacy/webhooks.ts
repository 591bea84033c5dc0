import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterRuntime } from '@zhongtai/adapter-kit';
import type { Logger } from '@zhongtai/subgraph-kit';
import type { LegacyWorld } from './world.js';

export interface WebhookHost {
  url: string;
  stop(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

/**
 * Where legacy systems push: `POST /webhooks/oms` (signed orders and refunds) and
 * `POST /webhooks/wechat` (follow / QR-scan events). A bad signature gets 401 and changes nothing;
 * a repeated delivery is handled once (WeChat by message id, OMS by the order's natural key).
 */
export async function startWebhookHost(
  runtime: AdapterRuntime,
  world: LegacyWorld,
  logger: Logger,
  port = 0,
): Promise<WebhookHost> {
  const server = createServer(async (req, res) => {
    try {
      const body = await bodyOf(req);
      const headers = headersOf(req);
      if (req.method === 'POST' && req.url === '/webhooks/oms') {
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
      if (req.method === 'POST' && req.url?.startsWith('/webhooks/wechat')) {
        let event;
        try {
          event = world.adapters.wechat.parseWebhook(headers, body);
        } catch (error) {
          return void res.writeHead(401).end((error as Error).message);
        }
        await runtime.inbound.once(
          'wechat-mp',
          event.messageId,
          async () => void (await runtime.sink.wechat(event)),
        );
        return void res.writeHead(200).end('success');
      }
      res.writeHead(404).end();
    } catch (error) {
      logger.warn({ err: error }, 'webhook could not be handled; the sender retries');
      res.writeHead(503).end('try again');
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
