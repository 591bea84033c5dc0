import type { Channel, EventEnvelope } from '@zhongtai/contracts';
import type { FactsDoc } from './facts.js';
import type { Rule } from './rules.js';

/**
 * The records the member center keeps, as the rest of the code reads them (store/ maps them to
 * collections; services, resolvers and consumers never see a model).
 */

/** The id of a record scoped to a tenant: `${tenant}|${…}`. */
export const key = (...parts: string[]) => parts.join('|');

export interface MemberDoc {
  _id: string;
  tenant: string;
  displayName?: string;
  phone?: string;
  /** `MM-DD` (the year is not kept: birthday campaigns need the day) */
  birthday?: string;
  joinedAt: Date;
  joinedChannel: Channel;
  joinedStoreId?: string;
  /** stores this member itself joined or bought at, and their regions (never changed by merges) */
  ownStoreIds: string[];
  ownRegions: string[];
  /** visibility scope: own stores plus those of every member merged into this one */
  /** the content hash of the last `member.profileChanged` announced for it (an unchanged profile is not announced again) */
  announcedProfile?: string;
  storeIds: string[];
  regions: string[];
  /** set while this member is merged into another (the survivor), with the merge that did it */
  mergedInto?: string;
  mergeId?: string;
  /** every member currently merged into this one, directly or through others */
  absorbed: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface IdentityDoc {
  /** `${tenant}|${channel}|${externalId}`: one identity, one member, enforced by the primary key */
  _id: string;
  tenant: string;
  channel: Channel;
  externalId: string;
  memberId: string;
  linkedAt: Date;
  /**
   * Set when the identity is linked and cleared once `member.identified` is with the outbox: what
   * the event says (a crash in between is announced by a retry or the resume job from here).
   */
  pending?: {
    created: boolean;
    storeId?: string;
    recruitedBy?: string;
    /** channels the customer opted into as it was met, and who reported it (recorded before the announcement) */
    consents?: Channel[];
    consentSource?: string;
  };
  pendingAt?: Date;
}

export interface PhoneClaimDoc {
  /** `${tenant}|${phone}`: one phone, one member */
  _id: string;
  tenant: string;
  memberId: string;
  claimedAt: Date;
}

export interface StoreDoc {
  /** `${tenant}|${storeId}` */
  _id: string;
  tenant: string;
  storeId: string;
  name: string;
  region: string;
}

/** The audit trail of merges: a merge is a recorded, reversible link, never a delete. */
export interface MergeDoc {
  _id: string;
  tenant: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  /** `auto` when the member center merged on a shared verified phone */
  by: string;
  mergedAt: Date;
  undoneAt?: Date;
  undoneBy?: string;
  /**
   * A merge is recorded first (PENDING), then applied to the members, then APPLIED with its event
   * (one write); an undo is PENDING, then DONE with its events. The resume job finishes what a crash
   * interrupted. Absent on merges recorded before this field existed (applied).
   */
  state?: 'PENDING' | 'APPLIED';
  undo?: 'PENDING' | 'DONE';
  /** events written with the state change, until the outbox has them */
  outboxEvents?: Record<string, EventEnvelope>;
  outboxCount?: number;
  outboxAt?: Date;
}

export const PROPOSAL_STATUSES = ['OPEN', 'ACCEPTED', 'DISMISSED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Two members a person's input says are one customer, waiting for HQ (R-ID-2 with R-PT-8). */
export interface MergeProposalDoc {
  /** `${tenant}|${survivorId}|${mergedId}`: one open proposal per pair */
  _id: string;
  tenant: string;
  survivorId: string;
  mergedId: string;
  /** the phone that links them, as typed */
  phone: string;
  reason: string;
  /** who typed it: role and subject of the staff member */
  proposedBy: string;
  storeId?: string;
  status: ProposalStatus;
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  /** the merge an accepted proposal made */
  mergeId?: string;
}

export const TAG_SOURCES = ['MANUAL', 'RULE', 'SURVEY', 'CAMPAIGN', 'IMPORT'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];

export interface TagDoc {
  /** `${tenant}|${memberId}|${name}` */
  _id: string;
  tenant: string;
  memberId: string;
  name: string;
  source: TagSource;
  addedAt: Date;
}

/** The profile facts of one member (`domain/facts.ts`), as stored. */
export interface FactsRecord extends FactsDoc {
  /** `${tenant}|${memberId}` */
  _id: string;
  tenant: string;
  memberId: string;
  tierAt?: Date;
}

export interface ConsentDoc {
  /** `${tenant}|${memberId}|${channel}` */
  _id: string;
  tenant: string;
  memberId: string;
  channel: Channel;
  granted: boolean;
  source: string;
  updatedAt: Date;
}

export interface SegmentDoc {
  /** `${tenant}|${segmentId}` */
  _id: string;
  tenant: string;
  segmentId: string;
  name: string;
  rule: Rule;
  updatedAt: Date;
}

export interface SegmentMemberDoc {
  /** `${tenant}|${segmentId}|${memberId}` */
  _id: string;
  tenant: string;
  segmentId: string;
  memberId: string;
  since: Date;
}

export interface TagRuleDoc {
  /** `${tenant}|${tag}` */
  _id: string;
  tenant: string;
  tag: string;
  rule: Rule;
  updatedAt: Date;
}

/** The segment and tag-rule definitions of a tenant, as every profile refresh evaluates them. */
export interface Definitions {
  segments: Array<{ segmentId: string; rule: Rule }>;
  rules: Array<{ tag: string; rule: Rule }>;
}
