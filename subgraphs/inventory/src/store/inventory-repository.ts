import type { Connection } from 'mongoose';
import { type SkuDoc, type StockDoc, skuKey, stockKey } from '../domain/records.js';
import { inventoryModels } from './models.js';

export class InventoryRepository {
  private readonly m: ReturnType<typeof inventoryModels>;
  constructor(db: Connection) {
    this.m = inventoryModels(db);
  }

  async init(): Promise<void> {
    await Promise.all([this.m.Sku.init(), this.m.Stock.init()]);
  }

  async skus(tenant: string, codes: readonly string[]): Promise<SkuDoc[]> {
    return this.m.Sku.find({ _id: { $in: codes.map((c) => skuKey(tenant, c)) } }).lean<SkuDoc[]>();
  }

  async upsertSku(tenant: string, code: string, name: string, category: string): Promise<void> {
    await this.m.Sku.updateOne(
      { _id: skuKey(tenant, code) },
      { $set: { tenant, code, name, category } },
      { upsert: true },
    );
  }

  async stockOf(tenant: string, codes: readonly string[]): Promise<StockDoc[]> {
    return this.m.Stock.find({ tenant, code: { $in: codes } }).lean<StockDoc[]>();
  }

  async stockAt(tenant: string, pairs: Array<{ code: string; locationId: string }>): Promise<StockDoc[]> {
    return this.m.Stock.find({ _id: { $in: pairs.map((p) => stockKey(tenant, p.code, p.locationId)) } }).lean<
      StockDoc[]
    >();
  }

  /** Records a stock reading unless a newer one is already stored (readings may arrive out of order). */
  async recordStock(s: Omit<StockDoc, '_id'>): Promise<void> {
    const _id = stockKey(s.tenant, s.code, s.locationId);
    const res = await this.m.Stock.updateOne({ _id, asOf: { $lt: s.asOf } }, { $set: s });
    if (res.matchedCount === 0) {
      await this.m.Stock.updateOne({ _id }, { $setOnInsert: s }, { upsert: true });
    }
  }
}
