import type { OutboundNotification } from '@zhongtai/contracts';
import { createWechatMpSimulator } from './simulator/wechat-simulator.js';
import { WechatTemplateSender } from './template-sender.js';

const follower = 'oWX000001followerTpl';
const sim = createWechatMpSimulator(
  [{ kind: 'FOLLOW', openId: follower, occurredAt: '2026-03-01T01:00:00.000Z' }],
  { templateIds: ['tpl-welcome-id'] },
);
let sender: WechatTemplateSender;
beforeAll(async () => {
  await sim.start(0);
  sender = new WechatTemplateSender({
    baseUrl: sim.url,
    appId: sim.appId,
    appSecret: sim.appSecret,
    templates: { welcome: 'tpl-welcome-id', apology: 'tpl-not-approved' },
    timeoutMs: 300,
  });
});
afterAll(() => sim.stop());

const message = (key: string, x: Partial<OutboundNotification> = {}): OutboundNotification => ({
  key,
  tenant: 'demo',
  channel: 'WECHAT_TEMPLATE',
  to: follower,
  template: 'welcome',
  params: { memberId: 'm-1', offerId: 'offer-1' },
  ...x,
});

describe('WeChat template messages from the service account', () => {
  it('sends one, its params as template data, and a key only once', async () => {
    const first = await sender.send(message('k1'));
    expect(first.providerMessageId).toMatch(/^\d+$/);
    expect(await sender.send(message('k1'))).toEqual({ providerMessageId: 'sent-before:k1' });
    expect(sim.templateMessages()).toEqual([
      {
        msgid: Number(first.providerMessageId),
        touser: follower,
        template_id: 'tpl-welcome-id',
        data: { memberId: { value: 'm-1' }, offerId: { value: 'offer-1' } },
      },
    ]);
    expect((await sender.healthCheck()).ok).toBe(true);
  });

  it('fetches a new access token when WeChat says the one it has is stale', async () => {
    sim.expireTokens();
    await sender.send(message('k2'));
    expect(sim.templateMessages()).toHaveLength(2);
  });

  it('refuses what WeChat refuses, and leaves the key free for a later try', async () => {
    await expect(sender.send(message('k3', { to: 'oWX-not-a-follower' }))).rejects.toThrow(/43004/);
    await expect(sender.send(message('k3', { to: 'oWX-not-a-follower' }))).rejects.toThrow(/43004/);
    await expect(sender.send(message('k4', { template: 'apology' }))).rejects.toThrow(/40037/);
    await expect(sender.send(message('k5', { template: 'unknown' }))).rejects.toThrow(/no WeChat template/);
    await expect(sender.send(message('k6', { channel: 'SMS' }))).rejects.toThrow(/WECHAT_TEMPLATE only/);
    expect(sim.templateMessages()).toHaveLength(2);
  });

  it('an unknown outcome keeps the key: at most once, never a member messaged twice', async () => {
    sim.setFaults({ timeoutRate: 1 });
    await expect(sender.send(message('k7'))).rejects.toThrow();
    sim.setFaults({});
    expect(await sender.send(message('k7'))).toEqual({ providerMessageId: 'sent-before:k7' });
  });
});
