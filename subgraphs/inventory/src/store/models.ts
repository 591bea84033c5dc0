import { Schema, type Connection } from 'mongoose';
import { modelOn } from '@zhongtai/subgraph-kit';

export interface SkuDoc {
  /** `${tenant}|${code}` */
  _id: string;
  tenant: string;
  code: string;
  name: string;
  category: string;
}

/** Last known stock of a SKU at one location (store or warehouse), as reported by the WMS. */
export interface StockDoc {
  /** `${tenant}|${code}|${locationId}` */
  _id: string;
  tenant: string;
  code: string;
  locationId: string;
  onHand: number;
  available: number;
  asOf: Date;
}

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

export const skuKey = (tenant: string, code: string) => `${tenant}|${code}`;
export const stockKey = (tenant: string, code: string, locationId: string) =>
  `${tenant}|${code}|${locationId}`;
