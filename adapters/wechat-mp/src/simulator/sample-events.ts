import type { WechatEvent } from '@zhongtai/contracts';
import { wechatMessageId } from '../mapping.js';
import { seeded } from '@zhongtai/adapter-kit';

const STORES = ['store-sh-001', 'store-sh-002', 'store-bj-001', 'store-gz-001'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const EVENT = { FOLLOW: 'subscribe', UNFOLLOW: 'unsubscribe', SCAN: 'SCAN' } as const;

/**
 * Deterministic follower events: follows through a store's QR code and plain follows, scans by
 * followers, a few unfollows; openids like WeChat's (28 characters), whole seconds.
 */
export function sampleWechatEvents(count = 60, seed = 1): WechatEvent[] {
  const rnd = seeded(seed);
  const followers: string[] = [];
  let t = Date.UTC(2024, 2, 1, 2, 0, 0) / 1000;
  return Array.from({ length: count }, () => {
    t += rnd.int(5, 3600);
    const r = rnd.next();
    const known = followers.length > 3;
    const kind: WechatEvent['kind'] = !known || r < 0.55 ? 'FOLLOW' : r < 0.85 ? 'SCAN' : 'UNFOLLOW';
    const openId =
      kind === 'FOLLOW'
        ? `oUpF8u${Array.from({ length: 22 }, () => rnd.pick([...ALNUM, '_', '-'])).join('')}`
        : rnd.pick(followers);
    if (kind === 'FOLLOW') followers.push(openId);
    if (kind === 'UNFOLLOW') followers.splice(followers.indexOf(openId), 1);
    const e: WechatEvent = {
      kind,
      openId,
      occurredAt: new Date(t * 1000).toISOString(),
      messageId: wechatMessageId(openId, t, EVENT[kind]),
    };
    if (kind === 'SCAN' || (kind === 'FOLLOW' && rnd.next() < 0.6)) e.storeId = rnd.pick(STORES);
    return e;
  });
}

/** A 43-character EncodingAESKey, as the WeChat console generates one. */
export function sampleEncodingAesKey(seed = 1): string {
  const rnd = seeded(seed);
  return Array.from({ length: 43 }, () => rnd.pick([...ALNUM])).join('');
}
