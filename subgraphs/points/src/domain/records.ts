import type { EventEnvelope } from '@zhongtai/contracts';
import type { EarningRules } from './earning.js';
import type { AccountState, EntryKind, Lot } from './ledger.js';
import type { Contribution } from './merge.js';
import type { GrantLimits, HoldReason, OrderActor } from './limits.js';
import type { PlusPeriod } from './plus.js';
import type { TierRule } from './tiers.js';

/**
 * The records the points subgraph keeps, as the rest of the code reads them (store/ maps them to
 * collections; services, resolvers and consumers never see a model).
 */

/** The id of a record scoped to a tenant: `${tenant}|${…}`. */
export const key = (...parts: Array<string | number>) => parts.join('|');

/** The snapshot of one member's account; `seq` is the number of ledger entries applied to it. */
export interface AccountDoc extends AccountState {
  /** `${tenant}|${memberId}` */
  _id: string;
  tenant: string;
  /** while the member is merged into another, its points live with the survivor */
  mergedInto?: string | null;
  plus?: PlusPeriod | null;
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
  /** the membership period it gave (a retry after a crash finishes the purchase with it) */
  period?: PlusPeriod;
}

export type HeldStatus = 'HELD' | 'APPROVED' | 'REJECTED';

/** What approving grants: the order's points as they were computed when it arrived. */
export interface HeldOutcome {
  points: number;
  growth: number;
  ruleIds: string[];
  explanation: string;
}

/** An order whose points wait for HQ: the order as it arrived, why it waits, and the decision. */
export interface HeldOrderDoc {
  /** `${tenant}|${orderId}`: one record per order, however often it is delivered */
  _id: string;
  tenant: string;
  orderId: string;
  memberId: string;
  status: HeldStatus;
  reason: HoldReason;
  detail: string;
  order: {
    channel: string;
    storeId?: string | null;
    placedAt: Date;
    total: number;
    lines: Array<{ sku: string; category?: string | null; quantity: number; unitPrice: number }>;
    enteredBy?: OrderActor | null;
  };
  outcome: HeldOutcome;
  heldAt: Date;
  decidedAt?: Date | null;
  decidedBy?: { role: string; sub?: string | null } | null;
  rejectReason?: string | null;
  /** the ledger entry approval wrote */
  entryId?: string | null;
}

/** A stored lot (dates may come back as strings from a cache) as the ledger's rules use it. */
export function toLot(d: LotDoc | Lot): Lot {
  return {
    id: d.id,
    source: d.source,
    sourceRef: d.sourceRef,
    earned: d.earned,
    remaining: d.remaining,
    status: d.status,
    availableAt: d.availableAt ? new Date(d.availableAt) : null,
    expiresAt: new Date(d.expiresAt),
    createdAt: new Date(d.createdAt),
    ...(d.origin ? { origin: d.origin } : {}),
  };
}
