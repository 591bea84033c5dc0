import { Schema, type Connection } from 'mongoose';
import { modelOn } from '@zhongtai/subgraph-kit';
import type { SkuDoc, StockDoc } from '../domain/records.js';

/** The collections of the inventory subgraph (private to its repository; the record shapes are domain/records.ts). */
const sku = new Schema<SkuDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    code: { type: String, required: true },
    name: String,
    category: String,
  },
  { versionKey: false },
);
const stock = new Schema<StockDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    code: { type: String, required: true },
    locationId: { type: String, required: true },
    onHand: { type: Number, required: true },
    available: { type: Number, required: true },
    asOf: { type: Date, required: true },
  },
  { versionKey: false },
);
stock.index({ tenant: 1, code: 1 });

export function inventoryModels(db: Connection) {
  return {
    Sku: modelOn(db, 'Sku', sku, 'skus'),
    Stock: modelOn(db, 'Stock', stock, 'stock'),
  };
}
