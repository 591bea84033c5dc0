/**
 * The records the customer-service subgraph keeps, as the rest of the code reads them (store/ maps
 * them to collections; services and resolvers never see a model).
 */

export type TicketStatus = 'OPEN' | 'WAITING_ON_CUSTOMER' | 'RESOLVED';
/** CANCELLED: refunded before it was sent (never listed) */
export type SurveyStatus = 'SCHEDULED' | 'SENT' | 'ANSWERED' | 'EXPIRED' | 'CANCELLED';
import type { SendChannel } from '@zhongtai/contracts';

export type { SendChannel };
export type FollowUpKind = 'RECOMMENDATION' | 'APOLOGY';

/** The id of a record scoped to a tenant: `${tenant}|${…}`. */
export const key = (...parts: string[]) => parts.join('|');

/** Fields of a record that the scheduler works on (the kit's DueClaims). */
export interface Scheduled {
  dueAt: Date | null;
  attempts: number;
  leaseUntil: Date | null;
  leaseOwner: string | null;
  lastError?: string | null;
}

/** What a survey answer led to (R-CS-3, R-CS-4), kept so a retry answers the same. */
export interface FollowUpRecord {
  kind: FollowUpKind;
  recommendedSkus: string[];
  contentIds: string[];
  ticketId: string | null;
  notifiedStoreId: string | null;
}

/** A survey of one order (R-CS-1) or a questionnaire of a fan campaign (R-CS-6). */
export interface SurveyDoc extends Scheduled {
  /** `${tenant}|order:${orderId}` or `${tenant}|fan:${campaignId}:${memberId}` */
  _id: string;
  tenant: string;
  /** the member it belongs to now (the survivor while merged) */
  memberId: string;
  /** the member it was sent to (merges move `memberId` and back, never this) */
  originalMemberId: string;
  orderId: string | null;
  storeId: string | null;
  /** the clerk or community-group owner the order is attributed to (who typed it in) */
  attributedTo: string | null;
  campaignId: string | null;
  category: string;
  status: SurveyStatus;
  scheduledFor: Date;
  sentAt: Date | null;
  sentVia: SendChannel | null;
  expiresAt: Date | null;
  score: number | null;
  comment: string | null;
  answeredAt: Date | null;
  tags: string[];
  followUp: FollowUpRecord | null;
}

export interface TicketMessage {
  at: Date;
  role: string;
  sub: string | null;
  text: string;
}

export type EscalationLevel = 'STORE_MANAGER' | 'HQ';

/** A complaint ticket (R-CS-4, R-CS-5). */
export interface TicketDoc extends Scheduled {
  _id: string;
  tenant: string;
  memberId: string;
  originalMemberId: string;
  orderId: string | null;
  storeId: string | null;
  surveyId: string | null;
  source: 'SURVEY' | 'CHANNEL' | 'STAFF';
  status: TicketStatus;
  subject: string;
  openedAt: Date;
  firstResponseAt: Date | null;
  /** the SLA: how long the ticket may stay unresolved, not counting time waiting on the customer */
  slaMs: number;
  /** time spent waiting on the customer so far (the SLA clock was paused) */
  pausedMs: number;
  /** since when it waits on the customer (null while the clock runs) */
  waitingSince: Date | null;
  messages: TicketMessage[];
  escalations: Array<{ level: EscalationLevel; at: Date }>;
  resolvedAt: Date | null;
  resolution: string | null;
  /** +1 on every change: a change applies only to the version it was made from */
  version: number;
}

/** How one product category is surveyed (R-CS-1). */
export interface SurveyTemplateDoc {
  /** `${tenant}|${category}` */
  _id: string;
  tenant: string;
  category: string;
  /** 0: at once after the order completes; N: N days later (the tenant's calendar) */
  delayDays: number;
  questions: string[];
  /** words in a comment and the tag each means, e.g. 咸 → 口味偏咸 */
  keywordTags: Array<{ keyword: string; tag: string }>;
  updatedAt: Date;
}

/** A store's region (from `store.changed`): a region's ticket list covers its stores. */
export interface StoreRegionDoc {
  _id: string;
  tenant: string;
  storeId: string;
  region: string;
}

/** The item master's category of a SKU (from `sku.changed`). */
export interface SkuCategoryDoc {
  _id: string;
  tenant: string;
  sku: string;
  category: string;
}

/** A tenant's customer-service settings. */
export interface CareSettings {
  slaHours: number;
  /** after the SLA is breached: the store manager at once, HQ this many hours later */
  escalateToHqAfterHours: number;
  /** no message is sent from `start` to `end` (the tenant's wall clock, HH:mm); deferred to `end` */
  quietHours: { start: string; end: string };
  /** a sent survey may be answered for this many days */
  answerWithinDays: number;
  /** where a store is told about an unhappy customer */
  storeContacts: Array<{ storeId: string; channel: 'SMS' | 'EMAIL' | 'WECHAT_TEMPLATE'; to: string }>;
}

export interface CareSettingsDoc extends CareSettings {
  _id: string;
  updatedAt: Date;
}

/** A questionnaire sent to a segment of loyal members (fan operations, R-CS-6). */
export interface QuestionnaireDoc {
  /** `${tenant}|${id}` */
  _id: string;
  tenant: string;
  questionnaireId: string;
  title: string;
  segmentId: string;
  /** the template whose keywords tag the comments (and whose category the answers are about) */
  category: string;
  questions: string[];
  requestHash: string;
  members: number;
  createdAt: Date;
}

/** A survey scheduled for `at`, nothing sent or answered yet. */
export function scheduledSurvey(
  s: Pick<
    SurveyDoc,
    '_id' | 'tenant' | 'memberId' | 'orderId' | 'storeId' | 'attributedTo' | 'campaignId' | 'category'
  >,
  at: Date,
): SurveyDoc {
  return {
    ...s,
    originalMemberId: s.memberId,
    status: 'SCHEDULED',
    scheduledFor: at,
    sentAt: null,
    sentVia: null,
    expiresAt: null,
    score: null,
    comment: null,
    answeredAt: null,
    tags: [],
    followUp: null,
    dueAt: at,
    attempts: 0,
    leaseUntil: null,
    leaseOwner: null,
    lastError: null,
  };
}
