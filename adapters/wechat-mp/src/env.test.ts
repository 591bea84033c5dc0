import type { NotificationAdapter } from '@zhongtai/contracts';
import { withWechatTemplatesFromEnv } from './env.js';

const gateway = { identifier: 'notify-sms', kind: 'notification' } as NotificationAdapter;
const account = { WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 's' };

describe('withWechatTemplatesFromEnv', () => {
  it('adds the service account in front of the gateway for WeChat templates, only when configured', () => {
    expect(withWechatTemplatesFromEnv({}, gateway)).toBe(gateway);
    expect(withWechatTemplatesFromEnv({}, undefined)).toBeUndefined();
    const both = withWechatTemplatesFromEnv(
      { ...account, WECHAT_TEMPLATES: 'welcome=abc_1, apology=x-2' },
      gateway,
    );
    expect(both?.identifier).toBe('wechat-mp-template+notify-sms');
    const alone = withWechatTemplatesFromEnv({ ...account, WECHAT_TEMPLATES: 'welcome=abc' }, undefined);
    expect(alone?.identifier).toBe('wechat-mp-template');
  });

  it('lists what is wrong', () => {
    const problems = (env: Record<string, string>) => {
      try {
        withWechatTemplatesFromEnv(env, gateway);
        return [];
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
    };
    expect(problems({ WECHAT_APP_ID: 'wx0123456789abcdef' })).toEqual([
      expect.stringContaining('WECHAT_APP_SECRET and WECHAT_TEMPLATES'),
    ]);
    expect(problems({ ...account, WECHAT_TEMPLATES: 'welcome' })).toEqual([
      expect.stringContaining('name=template id'),
    ]);
    expect(problems({ ...account, WECHAT_APP_ID: 'nope', WECHAT_TEMPLATES: 'a=b' })).toEqual([
      expect.stringContaining('AppID'),
    ]);
  });
});
