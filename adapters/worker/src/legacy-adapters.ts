import type { NonceStore } from '@zhongtai/adapter-kit';
import { CrmLegacyAdapter } from '@zhongtai/adapter-crm-legacy';
import { OmsMallAdapter } from '@zhongtai/adapter-oms-mall';
import { PosLegacyAdapter } from '@zhongtai/adapter-pos-legacy';
import { WechatMpAdapter } from '@zhongtai/adapter-wechat-mp';
import type { Registry } from 'prom-client';
import type { LegacyConfig } from './config.js';

export interface LegacyAdapters {
  crm?: CrmLegacyAdapter;
  pos?: PosLegacyAdapter;
  oms?: OmsMallAdapter;
  wechat?: WechatMpAdapter;
}

/**
 * An adapter for each legacy system the configuration names (its URL set), with the metrics
 * registry; WeChat's push nonces in `nonces` (shared by the receiver's replicas). Each validates its
 * options when made: a bad value fails here, listing its problems.
 */
export function legacyAdapters(
  c: LegacyConfig,
  opts: { registry?: Registry; nonces?: NonceStore },
): LegacyAdapters {
  const { registry } = opts;
  return {
    crm: c.CRM_URL
      ? new CrmLegacyAdapter({
          baseUrl: c.CRM_URL,
          token: c.CRM_TOKEN,
          storeCodes: c.CRM_STORE_CODES,
          registry,
        })
      : undefined,
    pos: c.POS_URL
      ? new PosLegacyAdapter({ baseUrl: c.POS_URL, storeCodes: c.POS_STORE_CODES, registry })
      : undefined,
    oms: c.OMS_URL
      ? new OmsMallAdapter({
          baseUrl: c.OMS_URL,
          appKey: c.OMS_APP_KEY!,
          appSecret: c.OMS_APP_SECRET!,
          webhookSecret: c.OMS_WEBHOOK_SECRET!,
          registry,
        })
      : undefined,
    wechat: c.WECHAT_APP_ID
      ? new WechatMpAdapter({
          baseUrl: c.WECHAT_URL,
          appId: c.WECHAT_APP_ID,
          appSecret: c.WECHAT_APP_SECRET!,
          token: c.WECHAT_TOKEN!,
          nonces: opts.nonces,
          registry,
        })
      : undefined,
  };
}

/** init (health probes, tokens) of every adapter made; destroy them at stop */
export const adaptersOf = (a: LegacyAdapters) => Object.values(a).filter((x) => !!x);
