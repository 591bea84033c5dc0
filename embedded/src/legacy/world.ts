import { NotificationRouter, type Simulator } from '@zhongtai/adapter-kit';
import type { NotificationAdapter } from '@zhongtai/contracts';
import { CrmLegacyAdapter, createCrmSimulator } from '@zhongtai/adapter-crm-legacy';
import {
  NotifySmsAdapter,
  DEMO_GATEWAY_ACCOUNT,
  DEMO_GATEWAY_TEMPLATES,
  type SmsGatewaySimulator,
  createNotifySmsSimulator,
} from '@zhongtai/adapter-notify-sms';
import { PosLegacyAdapter, type PosSimulator, createPosSimulator } from '@zhongtai/adapter-pos-legacy';
import { OmsMallAdapter, type OmsMallSimulator, createOmsMallSimulator } from '@zhongtai/adapter-oms-mall';
import {
  DEMO_WECHAT_TEMPLATES,
  WechatMpAdapter,
  WechatTemplateSender,
  type WechatMpSimulator,
  createWechatMpSimulator,
} from '@zhongtai/adapter-wechat-mp';
import { WmsLegacyAdapter, createWmsLegacySimulator } from '@zhongtai/adapter-wms-legacy';
import type { Registry } from 'prom-client';
import type { LegacyWorldData } from './legacy-data.js';

/** The demo brand's store codes in its old systems (the adapters map them back). */
export const STORE_CODES: Record<string, string> = {
  SH001: 'store-sh-001',
  SH002: 'store-sh-002',
  BJ001: 'store-bj-001',
};
const WMS_LOCATIONS: Record<string, string> = {
  'store-sh-001': 'SH001',
  'store-sh-002': 'SH002',
  'store-bj-001': 'BJ001',
};

export interface LegacyWorld {
  sims: Record<'crm' | 'wms', Simulator> & {
    pos: PosSimulator;
    notify: SmsGatewaySimulator;
    oms: OmsMallSimulator;
    wechat: WechatMpSimulator;
  };
  adapters: {
    crm: CrmLegacyAdapter;
    pos: PosLegacyAdapter;
    wms: WmsLegacyAdapter;
    /** WeChat template messages from the service account, the rest through the message gateway */
    notify: NotificationAdapter;
    oms: OmsMallAdapter;
    wechat: WechatMpAdapter;
  };
  stop(): Promise<void>;
}

/**
 * Starts the simulators of the demo brand's legacy systems with their data, and an adapter for each
 * (the same adapters a production deployment configures against the real systems).
 */
export async function startLegacyWorld(data: LegacyWorldData, registry?: Registry): Promise<LegacyWorld> {
  const sims = {
    crm: createCrmSimulator(data.crm, { storeCodes: STORE_CODES, token: 'demo-crm-token' }),
    pos: createPosSimulator(data.pos, { storeCodes: STORE_CODES }),
    wms: createWmsLegacySimulator(data.stock, { locations: WMS_LOCATIONS }),
    notify: createNotifySmsSimulator([...DEMO_GATEWAY_TEMPLATES]),
    oms: createOmsMallSimulator(data.oms),
    wechat: createWechatMpSimulator(data.wechat, { templateIds: Object.values(DEMO_WECHAT_TEMPLATES) }),
  };
  for (const s of Object.values(sims)) await s.start();
  const adapters = {
    crm: new CrmLegacyAdapter({
      baseUrl: sims.crm.url,
      token: 'demo-crm-token',
      storeCodes: STORE_CODES,
      registry,
    }),
    pos: new PosLegacyAdapter({ baseUrl: sims.pos.url, storeCodes: STORE_CODES, registry }),
    wms: new WmsLegacyAdapter({ baseUrl: sims.wms.url, locations: WMS_LOCATIONS, registry }),
    notify: new NotificationRouter(
      {
        WECHAT_TEMPLATE: new WechatTemplateSender({
          baseUrl: sims.wechat.url,
          appId: sims.wechat.appId,
          appSecret: sims.wechat.appSecret,
          templates: DEMO_WECHAT_TEMPLATES,
          registry,
        }),
      },
      new NotifySmsAdapter({
        baseUrl: sims.notify.url,
        appId: DEMO_GATEWAY_ACCOUNT.appId,
        appSecret: DEMO_GATEWAY_ACCOUNT.appSecret,
        registry,
      }),
    ),
    oms: new OmsMallAdapter({
      baseUrl: sims.oms.url,
      appKey: sims.oms.appKey,
      appSecret: sims.oms.appSecret,
      webhookSecret: sims.oms.webhookSecret,
      registry,
    }),
    wechat: new WechatMpAdapter({
      baseUrl: sims.wechat.url,
      appId: sims.wechat.appId,
      appSecret: sims.wechat.appSecret,
      token: sims.wechat.token,
      registry,
    }),
  };
  for (const a of Object.values(adapters)) await a.init();
  return {
    sims,
    adapters,
    stop: async () => {
      for (const a of Object.values(adapters)) await a.destroy();
      for (const s of Object.values(sims)) await s.stop();
    },
  };
}
