import { describe, expect, it } from '@jest/globals';
import { loadSyncConfig, loadWebhooksConfig } from './config.js';

const BASE = {
  TENANT: 'brand-a',
  GATEWAY_URL: 'http://gateway:4000/graphql',
  MONGODB_URI: 'mongodb://db:27017/?replicaSet=rs0',
};
const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('the adapters deployables’ environment', () => {
  it('configures the legacy systems whose URL is set, with their store codes', () => {
    const c = loadSyncConfig({
      ...BASE,
      CRM_URL: 'http://crm:8080',
      CRM_TOKEN: 't',
      CRM_STORE_CODES: 'SH001=store-sh-001, BJ001=store-bj-001',
      POS_URL: 'http://pos:8080',
    });
    expect(c.CRM_STORE_CODES).toEqual({ SH001: 'store-sh-001', BJ001: 'store-bj-001' });
    expect(c).toMatchObject({ PORT: 4010, HOST: '0.0.0.0', SYNC_EVERY_MS: 15_000 });
    expect(c.OMS_URL).toBeUndefined();
  });

  it('refuses what cannot work, naming every problem', () => {
    expect(problems(() => loadSyncConfig(BASE))).toMatch(/nothing to pull from/);
    const m = problems(() =>
      loadSyncConfig({
        ...BASE,
        TENANT: 'Brand A',
        OMS_URL: 'http://oms',
        CRM_URL: 'ftp://crm',
        CRM_STORE_CODES: 'SH001',
      }),
    );
    expect(m).toMatch(/TENANT/);
    expect(m).toMatch(/CRM_URL/);
    expect(m).toMatch(/"SH001" is not CODE=store-id/);
    expect(problems(() => loadSyncConfig({ ...BASE, OMS_URL: 'http://oms' }))).toMatch(
      /OMS_APP_KEY: required with OMS_URL[\s\S]*OMS_WEBHOOK_SECRET: required with OMS_URL/,
    );
    expect(problems(() => loadWebhooksConfig({ ...BASE, POS_URL: 'http://pos' }))).toMatch(/nothing pushes/);
    expect(problems(() => loadWebhooksConfig({ ...BASE, WECHAT_APP_ID: 'wx0123456789abcdef' }))).toMatch(
      /WECHAT_APP_SECRET: required with WECHAT_APP_ID[\s\S]*WECHAT_TOKEN/,
    );
  });

  it('refuses a production start without the internal key', () => {
    expect(
      problems(() =>
        loadSyncConfig({
          ...BASE,
          NODE_ENV: 'production',
          POS_URL: 'http://pos:8080',
          JWT_SECRET: 'x'.repeat(20),
        }),
      ),
    ).toMatch(/INTERNAL_TOKEN_SECRET/);
  });
});
