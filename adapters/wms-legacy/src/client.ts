import type { AdapterHealth, StockLevel, WmsAdapter } from '@zhongtai/contracts';
import { AdapterError, type LegacyHttp, createLegacyClients, probeHealth } from '@zhongtai/adapter-kit';
import { toWmsTime } from './legacy-format.js';
import { WmsMappingError, answerInOrder, mapStockRows, pairKey, parseStockReply } from './mapping.js';
import { type WmsLegacyConfig, type WmsLegacyOptions, parseWmsLegacyOptions } from './options.js';

export const WMS_LEGACY_ID = 'wms-legacy';
export const WMS_STOCK_PATH = '/wms/api/kc/query';
export const WMS_PING_PATH = '/wms/api/ping';

/**
 * Stock per SKU and location from the legacy WMS. A batch is deduplicated, split into calls of at
 * most 50 pairs (the WMS's limit), sent one call after the other (the WMS is slow and shared), and
 * answered in the order asked. Lot rows are summed; pairs the WMS does not know are zero stock.
 */
export class WmsLegacyAdapter implements WmsAdapter {
  readonly identifier = WMS_LEGACY_ID;
  readonly kind = 'wms' as const;
  private readonly config: WmsLegacyConfig;
  private readonly http: LegacyHttp;
  private readonly health: LegacyHttp;
  private readonly locationOf: Map<string, string>;
  private destroyed = false;

  constructor(options: WmsLegacyOptions) {
    this.config = parseWmsLegacyOptions(options);
    const c = this.config;
    this.locationOf = new Map(Object.entries(c.locations).map(([id, code]) => [code, id]));
    // the probe's timeout stays generous: the first call of a process may take a few hundred ms
    ({ http: this.http, probe: this.health } = createLegacyClients(
      {
        name: WMS_LEGACY_ID,
        baseUrl: c.baseUrl,
        timeoutMs: c.timeoutMs,
        retries: c.retries,
        breaker: c.breaker,
        registry: c.registry,
      },
      Math.max(c.timeoutMs, 2000),
    ));
  }

  async init(): Promise<void> {
    this.destroyed = false;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async healthCheck(): Promise<AdapterHealth> {
    return probeHealth(async () => {
      const res = await this.health.request<{ flag?: string; message?: string }>('GET', WMS_PING_PATH);
      const ok = res.body?.flag === 'success';
      return ok ? { ok } : { ok, detail: `ping answered ${res.text.slice(0, 100)}` };
    });
  }

  async getStock(items: { sku: string; locationId: string }[]): Promise<StockLevel[]> {
    if (this.destroyed) throw new AdapterError(WMS_LEGACY_ID, 'adapter was destroyed', false);
    for (const it of items)
      if (typeof it?.sku !== 'string' || !it.sku.trim() || typeof it.locationId !== 'string')
        throw new AdapterError(WMS_LEGACY_ID, `bad stock query item ${JSON.stringify(it)}`, false);
    // each known pair once; pairs without a WMS code are not asked (the WMS cannot know them)
    const unique = new Map<string, { spbm: string; ckbm: string }>();
    for (const { sku, locationId } of items) {
      const ckbm = this.config.locations[locationId];
      if (ckbm) unique.set(pairKey(sku, locationId), { spbm: sku.trim(), ckbm });
    }
    const pairs = [...unique.values()];
    const found = new Map<string, StockLevel>();
    for (let i = 0; i < pairs.length; i += this.config.batchSize) {
      const batch = await this.query(pairs.slice(i, i + this.config.batchSize));
      for (const [k, v] of batch) found.set(k, v);
    }
    return answerInOrder(items, found, this.now());
  }

  private async query(mx: { spbm: string; ckbm: string }[]): Promise<Map<string, StockLevel>> {
    const res = await this.http.request('POST', WMS_STOCK_PATH, {
      body: { qqsj: toWmsTime(this.now()), mx },
    });
    try {
      return mapStockRows(parseStockReply(res.body), this.locationOf);
    } catch (error) {
      if (error instanceof WmsMappingError)
        throw new AdapterError(WMS_LEGACY_ID, error.message, false, res.status);
      throw error;
    }
  }

  private now(): Date {
    return this.config.now?.() ?? new Date();
  }
}

/** Creates the adapter; throws at once when the options are invalid. */
export function createWmsLegacyAdapter(options: WmsLegacyOptions): WmsLegacyAdapter {
  return new WmsLegacyAdapter(options);
}
