import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '@zhongtai/contracts';

/**
 * Signed webhooks (R-AD-3): `x-zt-timestamp` (unix seconds) and `x-zt-signature` =
 * hex HMAC-SHA256 of `${timestamp}.${body}` with the shared secret. The timestamp bounds replays to
 * the window; inside it a replay can only repeat the exact delivery (the HMAC covers the body), which
 * is what a sender's own retry looks like, so receivers must treat it as a duplicate (natural keys or
 * `InboundLog`). No nonce is kept: it would refuse honest retries signed within the same second.
 */
export function signWebhook(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'x-zt-timestamp': String(timestamp), 'x-zt-signature': signature };
}

/** Throws UNAUTHENTICATED unless the body carries a valid, fresh signature. */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
  opts: { toleranceSec?: number; now?: Date } = {},
): void {
  const ts = Number(headers['x-zt-timestamp']);
  const given = headers['x-zt-signature'] ?? '';
  if (!Number.isFinite(ts) || !/^[0-9a-f]{64}$/.test(given))
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'webhook is not signed');
  const now = (opts.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - ts) > (opts.toleranceSec ?? 300))
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'webhook timestamp outside the allowed window');
  const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex')))
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'webhook signature does not match');
}
