import type { EventEnvelope } from '@zhongtai/contracts';
import { Schema, type Connection } from 'mongoose';
import type { EarningRules } from '../domain/earning.js';
import type { AccountState, Contribution, EntryKind, Lot } from '../domain/ledger.js';
import type { GrantLimits } from '../domain/limits.js';
import type { TierRule } from '../domain/tiers.js';
import { modelOn } from '@zhongtai/subgraph-kit';

/** The snapshot of one member's account; `seq` is the number of ledger entries applied to it. */
export interface AccountDoc extends AccountState {
  /** `${tenant}|${memberId}` */
  _id: string;
  tenant: string;
  /** while the member is merged into another, its points live with the survivor */
  mergedInto?: string | null;
  plus?: { startsAt: Date; endsAt: Date; fee: number; currency: string } | null;
  updatedAt: Date;
}

/** One ledger entry: append-only, with the complete result it produced (lots after, account after). */
export interface EntryDoc {
  /** `${tenant}|${memberId}|${seq}`: one entry per sequence number of an account */
  _id: string;
  tenant: string;
  memberId: string;
  seq: number;
  /** `${tenant}|${key}` of an idempotent request (unique), absent for internal entries */
  idemKey?: string;
  requestHash?: string;
  kind: EntryKind;
  delta: number;
  pendingDelta: number;
  growthDelta: number;
  source: string;
  sourceRef: string;
  ruleIds: string[];
  explanation: string;
  expiresAt: Date | null;
  createdAt: Date;
  lots: Lot[];
  account: AccountState & { mergedInto?: string | null };
  /** merges: the lots that left and what the member brought, so the other side and an undo use exactly that */
  moved?: Lot[];
  contribution?: Contribution;
  /** events written with the entry, until the outbox has them (`withEvents` in the kit) */
  outboxEvents?: Record<string, EventEnvelope>;
  outboxCount?: number;
  outboxAt?: Date;
}

export interface LotDoc extends Lot {
  /** `${tenant}|${lotId}` */
  _id: string;
  tenant: string;
  memberId: string;
  lotId: string;
  /** the entry that last wrote this lot: a replayed entry never overwrites a newer one */
  lastSeq: number;
  /** when the advance notice of its expiry was sent */
  noticedAt?: Date;
}

/** Points an order earned, and how much of them refunds have taken back (pro rata, R-PT-4). */
export interface OrderPointsDoc {
  /** `${tenant}|${orderId}` */
  _id: string;
  tenant: string;
  orderId: string;
  memberId?: string;
  earned?: number;
  growth?: number;
  orderTotal?: number;
  refundedTotal: number;
  reversed: number;
  reversedGrowth: number;
}

export interface ConfigDoc {
  /** tenant */
  _id: string;
  rules: EarningRules;
  tiers: TierRule[];
  /** fraud limits as HQ set them (unset ones take their default, `domain/limits.ts`) */
  limits?: Partial<GrantLimits>;
  updatedAt: Date;
}

export interface SkuCategoryDoc {
  _id: string;
  tenant: string;
  sku: string;
  category: string;
}

/** Legacy balances imported with provenance (R-PT-7): what the old system said, and when. */
export interface OpeningDoc {
  /** `${tenant}|${source}|${memberId}` */
  _id: string;
  tenant: string;
  source: string;
  memberId: string;
  legacyRef: string;
  points: number;
  asOf: Date;
  /** the ledger entry it opened (none for a zero balance) */
  entryId: string | null;
}

export interface PlusPurchaseDoc {
  /** `${tenant}|${idempotencyKey}` */
  _id: string;
  tenant: string;
  memberId: string;
  requestHash: string;
  months: number;
  fee: number;
  currency: string;
  at: Date;
  /** who bought it, the list price then (months × price per month) and whether the fee was below it */
  by?: { role: string; sub?: string | null };
  listPrice?: number;
  gift?: boolean;
}

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
export const key = (...parts: Array<string | number>) => parts.join('|');
