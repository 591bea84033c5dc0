import type { SendChannel } from './records.js';

export interface Reachability {
  consents: Array<{ channel: string; granted: boolean }>;
  phone: string | null;
  wechatOpenId: string | null;
}

/**
 * How a member is reached, honouring its consent per channel: a WeChat template message when it
 * consented on WECHAT and has a WeChat identity; else an SMS when it consented on APP (the app's
 * messages go out as SMS) and has a phone; else nothing is sent and the survey waits for it in the
 * app (`APP`).
 */
export function channelFor(r: Reachability): { via: SendChannel; to: string | null } {
  const granted = (c: string) => r.consents.some((x) => x.channel === c && x.granted);
  if (granted('WECHAT') && r.wechatOpenId) return { via: 'WECHAT_TEMPLATE', to: r.wechatOpenId };
  if (granted('APP') && r.phone) return { via: 'SMS', to: r.phone };
  return { via: 'APP', to: null };
}
