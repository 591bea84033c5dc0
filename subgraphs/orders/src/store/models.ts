import { Schema, type Connection, type Model } from 'mongoose';
import type { Channel } from '@zhongtai/contracts';

export type OrderStatus = 'PLACED' | 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'CANCELLED';

export interface OrderLineDoc {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export interface OrderDoc {
  /** deterministic from (tenant, source, externalId): a replayed order maps to the same document */
  _id: string;
  tenant: string;
  source: string;
  externalId: string;
  channel: Channel;
  storeId?: string;
  memberId?: string;
  status: OrderStatus;
  lines: OrderLineDoc[];
  currency: string;
  total: number;
  refundedTotal: number;
  placedAt: Date;
  createdAt: Date;
}

const line = new Schema<OrderLineDoc>({ sku: String, quantity: Number, unitPrice: Number }, { _id: false });
const order = new Schema<OrderDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    source: { type: String, required: true },
    externalId: { type: String, required: true },
    channel: { type: String, required: true },
    storeId: String,
    memberId: String,
    status: { type: String, required: true },
    lines: { type: [line], default: [] },
    currency: { type: String, required: true },
    total: { type: Number, required: true },
    refundedTotal: { type: Number, required: true, default: 0 },
    placedAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
order.index({ tenant: 1, memberId: 1, placedAt: -1 });
order.index({ tenant: 1, storeId: 1, placedAt: -1 });

export function orderModels(db: Connection) {
  return { Order: (db.models.Order as Model<OrderDoc>) ?? db.model<OrderDoc>('Order', order, 'orders') };
}
