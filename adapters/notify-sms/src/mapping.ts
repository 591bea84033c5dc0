import { mainlandMobile } from '@zhongtai/adapter-kit';
import { createHash } from 'node:crypto';
import type { OutboundNotification } from '@zhongtai/contracts';
import { z } from 'zod';
import { GATEWAY_MSG_TYPES, channelOfMsgType } from './legacy-format.js';

/** A message the adapter will not send, or a gateway answer it cannot read; the message says why. */
export class NotifyMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotifyMappingError';
  }
}

export const OutboundNotificationSchema = z.object({
  key: z.string().min(1).max(256),
  tenant: z.string().min(1).max(64),
  channel: z.enum(['SMS', 'EMAIL', 'WECHAT_TEMPLATE']),
  to: z.string().min(1),
  template: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a template code is 1–64 of A–Z, a–z, 0–9, _ . -'),
  params: z.record(z.string(), z.string()),
});

/** The send request as the gateway wants it (`POST /api/v2/message/send`). */
export interface GatewaySendBody {
  /** the gateway's idempotency field: one delivery per (brand, clientMsgId) */
  clientMsgId: string;
  /** passed through untouched and shown in delivery records: the platform's key */
  outId: string;
  /** 1 SMS, 2 e-mail, 3 WeChat template message */
  msgType: number;
  receiver: string;
  tplCode: string;
  /** template variables as a JSON *string* (keys sorted, so a retry is byte-identical) */
  tplParams: string;
  /** the brand (sub-account) the message is sent for: the platform's tenant */
  brand: string;
}

/** What the gateway keeps for a delivered message (`GET /messages`). */
export interface GatewayRecord extends GatewaySendBody {
  msgId: string;
  /** yyyyMMddHHmmss, UTC+8 */
  recvTime: string;
  /** CMPP-style delivery report, always DELIVRD in the simulator */
  stat: string;
}

/** Same rules as the member center (pii.ts): separators and +86/0086/86 dropped, 11-digit mainland mobile. */
export function normaliseMobile(raw: string): string {
  const local = mainlandMobile(raw);
  if (!local) throw new NotifyMappingError(`not a valid mobile number: ${JSON.stringify(raw)}`);
  return local;
}

export function normaliseReceiver(channel: OutboundNotification['channel'], to: string): string {
  const t = to.trim();
  if (channel === 'SMS') return normaliseMobile(t);
  if (channel === 'EMAIL') {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t))
      throw new NotifyMappingError(`not an e-mail address: ${JSON.stringify(to)}`);
    return t.toLowerCase();
  }
  if (!/^[A-Za-z0-9_-]{6,64}$/.test(t))
    throw new NotifyMappingError(`not a WeChat openId: ${JSON.stringify(to)}`);
  return t;
}

const CLIENT_MSG_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The key itself when the gateway accepts it as a clientMsgId, else a stable digest of it ("h" + 63 hex). */
export function clientMsgIdFor(key: string): string {
  return CLIENT_MSG_ID.test(key)
    ? key
    : `h${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 63)}`;
}

/** The platform's message → the gateway's send request; a message that cannot be sent throws. */
export function toGatewaySend(message: OutboundNotification): GatewaySendBody {
  const parsed = OutboundNotificationSchema.safeParse(message);
  if (!parsed.success) throw new NotifyMappingError(`invalid message: ${z.prettifyError(parsed.error)}`);
  const m = parsed.data;
  const sorted = Object.fromEntries(
    Object.entries(m.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return {
    clientMsgId: clientMsgIdFor(m.key),
    outId: m.key,
    msgType: GATEWAY_MSG_TYPES[m.channel],
    receiver: normaliseReceiver(m.channel, m.to),
    tplCode: m.template,
    tplParams: JSON.stringify(sorted),
    brand: m.tenant,
  };
}

/** The gateway answers `ret` "0" (accepted) or "1009" (that clientMsgId was already accepted). */
export const GatewayReplySchema = z.object({
  ret: z.union([z.string(), z.number()]).transform(String),
  msg: z.string().optional().default(''),
  data: z
    .object({ msgId: z.string().min(1) })
    .partial()
    .nullish(),
});

export const RET_OK = '0';
export const RET_DUPLICATE = '1009';

/** A send reply → the provider message id (the same for a repeated key); anything else throws. */
export function parseSendReply(body: unknown): { providerMessageId: string; duplicate: boolean } {
  const r = GatewayReplySchema.safeParse(body);
  if (!r.success)
    throw new NotifyMappingError(`malformed gateway reply: ${JSON.stringify(body).slice(0, 200)}`);
  const { ret, msg, data } = r.data;
  if ((ret === RET_OK || ret === RET_DUPLICATE) && data?.msgId)
    return { providerMessageId: data.msgId, duplicate: ret === RET_DUPLICATE };
  throw new NotifyMappingError(`the gateway refused the message (${ret}: ${msg || 'no message id'})`);
}

/** A gateway delivery record → the platform's message (the inverse of toGatewaySend). */
export function gatewayRecordToNotification(r: GatewayRecord): OutboundNotification {
  let params: unknown;
  try {
    params = JSON.parse(r.tplParams);
  } catch {
    throw new NotifyMappingError(`record ${r.msgId}: tplParams is not JSON`);
  }
  return {
    key: r.outId,
    tenant: r.brand,
    channel: channelOfMsgType(r.msgType),
    to: r.receiver,
    template: r.tplCode,
    params: params as Record<string, string>,
  };
}
