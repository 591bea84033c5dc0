import { createHash } from 'node:crypto';
import { chinaCompactToIso, toChinaCompact } from '@zhongtai/adapter-kit';

/**
 * The gateway's wire conventions, shared by the adapter and the simulator: timestamps are
 * "yyyyMMddHHmmss" in China time (UTC+8), requests are signed with
 * `X-Gw-Sign = MD5(appSecret + timestamp + body + appSecret)` in upper-case hex, and message types
 * are numbers.
 */

export const GATEWAY_MSG_TYPES = { SMS: 1, EMAIL: 2, WECHAT_TEMPLATE: 3 } as const;
export type GatewayChannel = keyof typeof GATEWAY_MSG_TYPES;

/** 1 → 'SMS' …; an unknown number throws. */
export function channelOfMsgType(msgType: number): GatewayChannel {
  const hit = (Object.keys(GATEWAY_MSG_TYPES) as GatewayChannel[]).find(
    (c) => GATEWAY_MSG_TYPES[c] === msgType,
  );
  if (!hit) throw new Error(`unknown gateway msgType ${JSON.stringify(msgType)}`);
  return hit;
}

/** A Date → "yyyyMMddHHmmss" in UTC+8. */
export function toGatewayTime(at: Date): string {
  return toChinaCompact(at);
}

/** "yyyyMMddHHmmss" (UTC+8) → Date; anything else throws. */
export function fromGatewayTime(raw: string): Date {
  return new Date(chinaCompactToIso(raw));
}

export function signGatewayRequest(appSecret: string, timestamp: string, body: string): string {
  return createHash('md5')
    .update(`${appSecret}${timestamp}${body}${appSecret}`, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** The headers of a signed call. */
export function gatewayHeaders(
  appId: string,
  appSecret: string,
  at: Date,
  body: string,
): Record<string, string> {
  const timestamp = toGatewayTime(at);
  return {
    'x-gw-appid': appId,
    'x-gw-timestamp': timestamp,
    'x-gw-sign': signGatewayRequest(appSecret, timestamp, body),
  };
}
