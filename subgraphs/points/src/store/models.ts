import { Schema, type Connection } from 'mongoose';
import type {
  AccountDoc,
  ConfigDoc,
  EntryDoc,
  LotDoc,
  OpeningDoc,
  OrderPointsDoc,
  PlusPurchaseDoc,
  SkuCategoryDoc,
} from '../domain/records.js';
import { modelOn } from '@zhongtai/subgraph-kit';

const opts = { versionKey: false as const, minimize: false };
const mixed = { type: Schema.Types.Mixed };

const account = new Schema<AccountDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    seq: Number,
    balance: Number,
    pending: Number,
    debt: Number,
    lifetimeEarned: Number,
    growth: Number,
    periodGrowth: Number,
    tier: String,
    tierReviewAt: Date,
    earnedToday: mixed,
    grantedToday: mixed,
    mergedInto: String,
    plus: mixed,
    updatedAt: Date,
  },
  opts,
);
account.index({ tenant: 1, tierReviewAt: 1 });

const entry = new Schema<EntryDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    seq: { type: Number, required: true },
    idemKey: String,
    requestHash: String,
    kind: String,
    delta: Number,
    pendingDelta: Number,
    growthDelta: Number,
    source: String,
    sourceRef: String,
    ruleIds: [String],
    explanation: String,
    expiresAt: Date,
    createdAt: Date,
    lots: mixed,
    account: mixed,
    moved: mixed,
    contribution: mixed,
    outboxEvents: mixed,
    outboxCount: Number,
    outboxAt: Date,
  },
  opts,
);
entry.index({ outboxCount: 1, outboxAt: 1 });
entry.index({ idemKey: 1 }, { unique: true, partialFilterExpression: { idemKey: { $exists: true } } });
entry.index({ tenant: 1, memberId: 1, seq: 1 });
entry.index({ tenant: 1, sourceRef: 1 });

const lot = new Schema<LotDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    lotId: String,
    id: String,
    source: String,
    sourceRef: String,
    earned: Number,
    remaining: Number,
    status: String,
    availableAt: Date,
    expiresAt: Date,
    createdAt: Date,
    origin: mixed,
    lastSeq: Number,
    noticedAt: Date,
  },
  opts,
);
lot.index({ tenant: 1, memberId: 1, status: 1 });
lot.index({ status: 1, availableAt: 1 });
lot.index({ status: 1, expiresAt: 1 });

const orderPoints = new Schema<OrderPointsDoc>(
  {
    _id: String,
    tenant: String,
    orderId: String,
    memberId: String,
    earned: Number,
    growth: Number,
    orderTotal: Number,
    refundedTotal: Number,
    reversed: Number,
    reversedGrowth: Number,
  },
  opts,
);
const config = new Schema<ConfigDoc>(
  { _id: String, rules: mixed, tiers: mixed, limits: mixed, updatedAt: Date },
  opts,
);
const skuCategory = new Schema<SkuCategoryDoc>(
  { _id: String, tenant: String, sku: String, category: String },
  opts,
);
const opening = new Schema<OpeningDoc>(
  {
    _id: String,
    tenant: String,
    source: String,
    memberId: String,
    legacyRef: String,
    points: Number,
    asOf: Date,
    entryId: String,
  },
  opts,
);
opening.index({ tenant: 1, source: 1 });
const plusPurchase = new Schema<PlusPurchaseDoc>(
  {
    _id: String,
    tenant: String,
    memberId: String,
    requestHash: String,
    months: Number,
    fee: Number,
    currency: String,
    at: Date,
    by: mixed,
    listPrice: Number,
    gift: Boolean,
    period: mixed,
  },
  opts,
);

export function pointsModels(db: Connection) {
  const get = <T>(name: string, s: Schema<T>, collection: string) => modelOn(db, name, s, collection);
  return {
    Account: get('Account', account, 'accounts'),
    Entry: get('Entry', entry, 'ledger'),
    Lot: get('Lot', lot, 'lots'),
    OrderPoints: get('OrderPoints', orderPoints, 'order_points'),
    Config: get('Config', config, 'config'),
    SkuCategory: get('SkuCategory', skuCategory, 'sku_categories'),
    Opening: get('Opening', opening, 'opening_balances'),
    PlusPurchase: get('PlusPurchase', plusPurchase, 'plus_purchases'),
  };
}

export type PointsModels = ReturnType<typeof pointsModels>;
