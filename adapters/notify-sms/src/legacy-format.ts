import { createHash } from 'node:crypto';

/**
 * The gateway's wire conventions, shared by the adapter and the simulator: timestamps are
 * "yyyyMMddHHmmss" in China time (UTC+8), requests are signed with
 * `X-Gw-Sign = MD5(appSecret + timestamp + body + appSecret)` in upper-case hex, and message types
 * are numbers.
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

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
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** "yyyyMMddHHmmss" (UTC+8) → Date; anything else throws. */
export function fromGatewayTime(raw: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(String(raw ?? '').trim());
  if (!m) throw new Error(`not a gateway time (yyyyMMddHHmmss): ${JSON.stringify(raw)}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS);
  if (toGatewayTime(at) !== m[0]) throw new Error(`not a calendar time: ${JSON.stringify(raw)}`);
  return at;
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
