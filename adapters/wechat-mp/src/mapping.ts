import { type WechatEvent, badInput } from '@zhongtai/contracts';

/** Duplicates of a retried push share it: FromUserName + CreateTime + Event (as WeChat advises). */
export function wechatMessageId(openId: string, createTime: string | number, event: string): string {
  return `${openId}|${createTime}|${event}`;
}

const KINDS: Record<string, WechatEvent['kind']> = {
  subscribe: 'FOLLOW',
  unsubscribe: 'UNFOLLOW',
  scan: 'SCAN',
};

/** unix seconds (string) → ISO UTC */
export function unixToIso(raw: string): string {
  const s = String(raw ?? '').trim();
  if (!/^\d{1,11}$/.test(s)) throw badInput(`wechat: CreateTime is not unix seconds: ${JSON.stringify(raw)}`);
  return new Date(Number(s) * 1000).toISOString();
}

/**
 * A decoded WeChat message → a follow, unfollow or QR scan. `subscribe` through a store's QR code
 * carries `EventKey` = `qrscene_<scene>`, `SCAN` (already a follower) carries the bare scene; the scene
 * value is the store id. Other messages (text, menu clicks, location…) are not events of this port.
 */
export function mapWechatEvent(f: Record<string, string>): WechatEvent {
  const msgType = (f.MsgType ?? '').trim();
  if (msgType !== 'event')
    throw badInput(`wechat: not an event message (MsgType ${JSON.stringify(msgType)})`);
  const event = (f.Event ?? '').trim();
  const kind = KINDS[event.toLowerCase()];
  if (!kind)
    throw badInput(`wechat: unsupported event ${JSON.stringify(event)} (subscribe, unsubscribe, SCAN)`);
  const openId = (f.FromUserName ?? '').trim();
  if (!/^[\w-]{6,64}$/.test(openId))
    throw badInput(`wechat: FromUserName is not an openid: ${JSON.stringify(openId)}`);
  const createTime = (f.CreateTime ?? '').trim();
  const occurredAt = unixToIso(createTime);
  const out: WechatEvent = {
    kind,
    openId,
    occurredAt,
    messageId: wechatMessageId(openId, createTime, event),
  };
  const scene = (f.EventKey ?? '').trim().replace(/^qrscene_/, '');
  if (kind !== 'UNFOLLOW' && scene) out.storeId = scene;
  if (kind === 'SCAN' && !scene) throw badInput('wechat: SCAN without a scene value (EventKey)');
  return out;
}
