import type { NotificationAdapter, OutboundNotification } from '@zhongtai/contracts';
import { NotificationRouter } from './notification-router.js';

const fake = (identifier: string, ok = true) => {
  const sent: OutboundNotification[] = [];
  const adapter: NotificationAdapter = {
    identifier,
    kind: 'notification',
    init: async () => undefined,
    destroy: async () => undefined,
    healthCheck: async () => (ok ? { ok } : { ok, detail: 'down' }),
    send: async (m) => (sent.push(m), { providerMessageId: `${identifier}-${sent.length}` }),
  };
  return { adapter, sent };
};
const m = (channel: OutboundNotification['channel']): OutboundNotification => ({
  key: channel,
  tenant: 'demo',
  channel,
  to: 'x',
  template: 't',
  params: {},
});

describe('NotificationRouter', () => {
  it('sends each message through the adapter of its channel, the rest through the fallback', async () => {
    const wechat = fake('wechat');
    const gateway = fake('gateway');
    const router = new NotificationRouter({ WECHAT_TEMPLATE: wechat.adapter }, gateway.adapter);
    await router.send(m('WECHAT_TEMPLATE'));
    await router.send(m('SMS'));
    expect(wechat.sent.map((x) => x.channel)).toEqual(['WECHAT_TEMPLATE']);
    expect(gateway.sent.map((x) => x.channel)).toEqual(['SMS']);
    expect(router.identifier).toBe('wechat+gateway');
    expect(await router.healthCheck()).toMatchObject({ ok: true });
    const down = new NotificationRouter({ SMS: fake('sms', false).adapter }, gateway.adapter);
    expect(await down.healthCheck()).toMatchObject({ ok: false, detail: 'sms: down' });
  });
});
