import type { IncomingMessage, ServerResponse } from 'node:http';

/** A WeChat event is a few KB, a signed order a few dozen: 256 KiB leaves room and bounds memory per request. */
export const DEFAULT_INBOUND_LIMIT_BYTES = 256 * 1024;

export interface InboundBodyOptions {
  /** the largest body accepted, in bytes (default 256 KiB) */
  limitBytes?: number;
  /** media types the receiver takes, e.g. `['application/json']` (parameters such as charset are ignored); unset: any */
  contentTypes?: readonly string[];
}

/**
 * Answers a refused delivery with `connection: close` and stops reading its body: whatever the sender
 * still sends is never buffered, and the socket ends once the answer is flushed, so a keep-alive client
 * opens a new connection for its next request instead of writing into a dead one.
 */
export function refuseInbound(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  req.pause();
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.once('finish', () => req.socket.end());
  res
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...headers })
    .end(message);
}

/**
 * The body of a webhook delivery (UTF-8), read only when it is a POST of an accepted content type and
 * at most `limitBytes` long. Otherwise it answers 405, 415 or 413 itself (see `refuseInbound`) and
 * returns undefined — as it does when the sender goes away mid-body (nothing left to answer).
 */
export function readInboundBody(
  req: IncomingMessage,
  res: ServerResponse,
  opts: InboundBodyOptions = {},
): Promise<string | undefined> {
  const limit = opts.limitBytes ?? DEFAULT_INBOUND_LIMIT_BYTES;
  if (req.method !== 'POST') {
    refuseInbound(req, res, 405, 'only POST is accepted', { allow: 'POST' });
    return Promise.resolve(undefined);
  }
  if (opts.contentTypes) {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!opts.contentTypes.includes(type)) {
      refuseInbound(req, res, 415, `content-type must be ${opts.contentTypes.join(' or ')}`);
      return Promise.resolve(undefined);
    }
  }
  // a declared length over the limit is refused before a byte of the body is read
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    refuseInbound(req, res, 413, `body larger than ${limit} bytes`);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // chunked bodies have no declared length: refused as soon as they pass the limit
      stop();
      chunks.length = 0;
      refuseInbound(req, res, 413, `body larger than ${limit} bytes`);
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onGone = () => {
      stop();
      resolve(undefined);
    };
    req.on('data', onData).once('end', onEnd).once('error', onGone).once('close', onGone);
  });
}
