/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. 2026-05-01T08:30:00.000Z */
  DateTime: { input: string; output: string; }
};

export type AccessScopes = {
  __typename?: 'AccessScopes';
  members: Array<MemberScope>;
  stores: Array<Store>;
};

export type AccountMismatch = {
  __typename?: 'AccountMismatch';
  memberId: Scalars['ID']['output'];
  problems: Array<Scalars['String']['output']>;
};

export type AdjustPointsInput = {
  idempotencyKey: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  /** positive adds, negative takes away */
  points: Scalars['Int']['input'];
  reason: Scalars['String']['input'];
};

export type Availability = {
  __typename?: 'Availability';
  asOf: Scalars['DateTime']['output'];
  available: Scalars['Int']['output'];
  onHand: Scalars['Int']['output'];
  /** True when served from cache because the WMS did not answer. */
  stale: Scalars['Boolean']['output'];
};

export type Campaign = {
  __typename?: 'Campaign';
  active: Scalars['Boolean']['output'];
  /** purchases this many days after its message count for it (last touch) */
  attributionDays: Scalars['Int']['output'];
  /** at most one campaign message per member in this many hours */
  capHours: Scalars['Int']['output'];
  /** counted as each step happens, never from scans */
  funnel: CampaignFunnel;
  /** The funnel at one store (the store the member joined or answered at). */
  funnelAt: CampaignFunnel;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** the content item it delivers (a coupon offer: claims count) */
  offerId?: Maybe<Scalars['ID']['output']>;
  /** until this time (HH:mm); equal to quietStart: no quiet hours */
  quietEnd: Scalars['String']['output'];
  /** no messages from this time of the tenant's day (HH:mm) */
  quietStart: Scalars['String']['output'];
  /** SEGMENT: the segment whose members it reaches */
  segmentId?: Maybe<Scalars['ID']['output']>;
  /** SEGMENT: when it goes out */
  startAt?: Maybe<Scalars['DateTime']['output']>;
  /** the notification template of its message */
  template?: Maybe<Scalars['String']['output']>;
  trigger?: Maybe<CampaignTrigger>;
};


export type CampaignFunnelAtArgs = {
  storeId: Scalars['ID']['input'];
};

export type CampaignAction =
  | 'CLICKED'
  | 'JOINED_VIA_SHARE'
  | 'SHARED';

export type CampaignFunnel = {
  __typename?: 'CampaignFunnel';
  clicked: Scalars['Int']['output'];
  couponsClaimed: Scalars['Int']['output'];
  joined: Scalars['Int']['output'];
  pointsAwarded: Scalars['Int']['output'];
  purchased: Scalars['Int']['output'];
  sent: Scalars['Int']['output'];
  shared: Scalars['Int']['output'];
};

export type CampaignInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  attributionDays?: InputMaybe<Scalars['Int']['input']>;
  capHours?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  /** the content item it delivers */
  offerId?: InputMaybe<Scalars['ID']['input']>;
  /** until this time (HH:mm); equal to quietStart: no quiet hours */
  quietEnd?: InputMaybe<Scalars['String']['input']>;
  /** no messages from this time of the tenant's day (HH:mm) */
  quietStart?: InputMaybe<Scalars['String']['input']>;
  /** SEGMENT: the segment whose members it reaches */
  segmentId?: InputMaybe<Scalars['ID']['input']>;
  /** SEGMENT: when it goes out */
  startAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** the notification template of its message */
  template: Scalars['String']['input'];
  trigger: CampaignTrigger;
};

/** JOINED_IN_STORE: a member joined by scanning a store QR code in WeChat; SURVEY_SATISFIED: answered a survey with 4 or 5; CHURN_RISK: the member's lifecycle stage turned AT_RISK (at most once a day); BIRTHDAY: on the member's birthday, in the tenant's time zone (once a year; 29 February on the 28th in other years); SEGMENT: every member of `segmentId` at `startAt`, once */
export type CampaignTrigger =
  | 'BIRTHDAY'
  | 'CHURN_RISK'
  | 'JOINED_IN_STORE'
  | 'SEGMENT'
  | 'SURVEY_SATISFIED';

/** The tenant's customer-service settings. */
export type CareSettings = {
  __typename?: 'CareSettings';
  answerWithinDays: Scalars['Int']['output'];
  escalateToHqAfterHours: Scalars['Int']['output'];
  quietHours: QuietHours;
  slaHours: Scalars['Int']['output'];
  storeContacts: Array<StoreContact>;
};

/** Only the settings given change. */
export type CareSettingsInput = {
  answerWithinDays?: InputMaybe<Scalars['Int']['input']>;
  escalateToHqAfterHours?: InputMaybe<Scalars['Int']['input']>;
  quietHours?: InputMaybe<QuietHoursInput>;
  slaHours?: InputMaybe<Scalars['Int']['input']>;
  storeContacts?: InputMaybe<Array<StoreContactInput>>;
};

/** Sales and contact channels */
export type Channel =
  | 'APP'
  | 'CALL_CENTER'
  | 'MALL'
  | 'MINI_PROGRAM'
  | 'STORE'
  | 'TAOBAO'
  | 'WECHAT';

/** A member's consent to marketing on one channel. */
export type ChannelConsent = {
  __typename?: 'ChannelConsent';
  channel: Channel;
  granted: Scalars['Boolean']['output'];
  /** who recorded it (the member, a clerk, an import) */
  source: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type ChannelIdentity = {
  __typename?: 'ChannelIdentity';
  channel: Channel;
  externalId: Scalars['String']['output'];
  linkedAt: Scalars['DateTime']['output'];
};

/** A clerk's (导购) counts at a store (R-ID-4), answered from counters. */
export type ClerkStats = {
  __typename?: 'ClerkStats';
  clerkId: Scalars['ID']['output'];
  /** coupons it redeemed */
  couponsRedeemed: Scalars['Int']['output'];
  /** members created through its QR code */
  joins: Scalars['Int']['output'];
  /** its recruits' completed orders within the attribution window */
  orders: Scalars['Int']['output'];
  /** The members it recruited, newest first. */
  recruits: Array<Member>;
  /** their total, minor units */
  salesAmount: Scalars['Int']['output'];
  storeId: Scalars['ID']['output'];
};


/** A clerk's (导购) counts at a store (R-ID-4), answered from counters. */
export type ClerkStatsRecruitsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Condition = {
  __typename?: 'Condition';
  fact: ProfileFact;
  op: RuleOp;
  value?: Maybe<Scalars['String']['output']>;
  values?: Maybe<Array<Scalars['String']['output']>>;
};

export type ConditionInput = {
  fact: ProfileFact;
  op: RuleOp;
  value?: InputMaybe<Scalars['String']['input']>;
  values?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type ContentItem = {
  __typename?: 'ContentItem';
  body: Scalars['String']['output'];
  channels: Array<Channel>;
  id: Scalars['ID']['output'];
  kind: ContentKind;
  /** a COUPON_OFFER: its terms */
  offer?: Maybe<CouponOffer>;
  title: Scalars['String']['output'];
};

export type ContentKind =
  | 'ARTICLE'
  | 'COUPON_OFFER'
  | 'PROMOTION'
  | 'STORE_INVITATION';

/** Who an item is for: each listed facet must match (one of its values), an empty one does not narrow; nothing listed: everyone. */
export type ContentTargetingInput = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  regions?: InputMaybe<Array<Scalars['String']['input']>>;
  segmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** products it promotes: shown only while one is in stock at the member's stores */
  skus?: InputMaybe<Array<Scalars['String']['input']>>;
  storeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  tiers?: InputMaybe<Array<Scalars['String']['input']>>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Coupon = {
  __typename?: 'Coupon';
  claimedAt: Scalars['DateTime']['output'];
  code: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  offer: ContentItem;
  redeemedAt?: Maybe<Scalars['DateTime']['output']>;
  /** the store it was redeemed at */
  redeemedStoreId?: Maybe<Scalars['ID']['output']>;
  /** what the coupon is good for now */
  status: CouponStatus;
  /** valid through this instant (the end of a tenant's day) */
  validUntil: Scalars['DateTime']['output'];
};

/** A coupon offer's terms and what is left of its stock. */
export type CouponOffer = {
  __typename?: 'CouponOffer';
  claimFrom?: Maybe<Scalars['DateTime']['output']>;
  claimUntil?: Maybe<Scalars['DateTime']['output']>;
  /** coupons left to claim; null: no limit */
  remaining?: Maybe<Scalars['Int']['output']>;
  /** coupons to issue in all; null: no limit */
  stock?: Maybe<Scalars['Int']['output']>;
  /** a claimed coupon is valid through the end of the tenant's day this many days after the claim */
  validDays: Scalars['Int']['output'];
};

/** A COUPON_OFFER's terms (each optional). */
export type CouponOfferInput = {
  claimFrom?: InputMaybe<Scalars['DateTime']['input']>;
  claimUntil?: InputMaybe<Scalars['DateTime']['input']>;
  /** coupons to issue in all; omitted or null: no limit */
  stock?: InputMaybe<Scalars['Int']['input']>;
  /** days a claimed coupon is valid (default 30) */
  validDays?: InputMaybe<Scalars['Int']['input']>;
};

/** ACTIVE: may be redeemed; REDEEMED: at a store; EXPIRED: unredeemed past validUntil */
export type CouponStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REDEEMED';

export type EarnPointsInput = {
  idempotencyKey: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  points: Scalars['Int']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  source: Scalars['String']['input'];
};

export type EarningRules = {
  __typename?: 'EarningRules';
  expiryYearsAfter: Scalars['Int']['output'];
  growthPerYuan: Scalars['Float']['output'];
  multipliers: Array<Multiplier>;
  perDayCap?: Maybe<Scalars['Int']['output']>;
  perOrderCap?: Maybe<Scalars['Int']['output']>;
  pointsPerYuan: Scalars['Float']['output'];
  returnWindowDays: Scalars['Int']['output'];
  tiers: Array<Tier>;
};

export type EarningRulesInput = {
  expiryYearsAfter?: Scalars['Int']['input'];
  growthPerYuan?: Scalars['Float']['input'];
  multipliers?: Array<MultiplierInput>;
  perDayCap?: InputMaybe<Scalars['Int']['input']>;
  perOrderCap?: InputMaybe<Scalars['Int']['input']>;
  pointsPerYuan: Scalars['Float']['input'];
  returnWindowDays?: Scalars['Int']['input'];
};

/** What an answer led to, at once (R-CS-3, R-CS-4). */
export type FollowUp = {
  __typename?: 'FollowUp';
  /** current promotions or a store invitation */
  content: Array<ContentItem>;
  kind: FollowUpKind;
  /** the store told about the unhappy customer */
  notifiedStore?: Maybe<Store>;
  /** not bought in 90 days, in stock at the member store */
  recommendedSkus: Array<Sku>;
  ticket?: Maybe<Ticket>;
};

export type FollowUpKind =
  | 'APOLOGY'
  | 'RECOMMENDATION';

/** The tenant's fraud limits on points (R-PT-8). Days are business days: the tenant's calendar days in timeZone. */
export type GrantLimits = {
  __typename?: 'GrantLimits';
  holdLateOrders: HoldLateOrders;
  /** order total in fen above which the order waits for approval */
  holdOrdersAbove: Scalars['Int']['output'];
  /** points one manual grant (earnPoints) may give */
  maxPointsPerGrant: Scalars['Int']['output'];
  /** points manual grants may give one member per business day */
  maxPointsPerMemberPerDay: Scalars['Int']['output'];
  /** points one staff token may grant per business day (orders it typed in count too) */
  maxPointsPerStaffPerDay: Scalars['Int']['output'];
  /** Plus price per month in fen (CNY): the least a payment backend may charge */
  plusPricePerMonth: Scalars['Int']['output'];
  /** the tenant's time zone (IANA), whose calendar days are business days: deployment configuration (TIME_ZONE, TENANT_TIME_ZONES), read-only here */
  timeZone: Scalars['String']['output'];
};

/** Only the settings given change; the others keep their value. */
export type GrantLimitsInput = {
  holdLateOrders?: InputMaybe<HoldLateOrders>;
  holdOrdersAbove?: InputMaybe<Scalars['Int']['input']>;
  maxPointsPerGrant?: InputMaybe<Scalars['Int']['input']>;
  maxPointsPerMemberPerDay?: InputMaybe<Scalars['Int']['input']>;
  maxPointsPerStaffPerDay?: InputMaybe<Scalars['Int']['input']>;
  plusPricePerMonth?: InputMaybe<Scalars['Int']['input']>;
};

export type Growth = {
  __typename?: 'Growth';
  /** Growth value since joining. */
  lifetimeValue: Scalars['Int']['output'];
  nextTier?: Maybe<Tier>;
  plus?: Maybe<PlusMembership>;
  pointsToNextTier?: Maybe<Scalars['Int']['output']>;
  /** When the tier is next reviewed (downgrades happen only then). */
  reviewAt?: Maybe<Scalars['DateTime']['output']>;
  tier: Tier;
  /** Growth value counted for the tier in the current review period. */
  value: Scalars['Int']['output'];
};

/** An order's points waiting for HQ's approval, and the decision. */
export type HeldOrderPoints = {
  __typename?: 'HeldOrderPoints';
  channel: Channel;
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** role and subject of who decided */
  decidedBy?: Maybe<Scalars['String']['output']>;
  /** why, in words */
  detail: Scalars['String']['output'];
  /** role of the person who typed the order in */
  enteredByRole?: Maybe<Scalars['String']['output']>;
  /** token subject of the person who typed it in */
  enteredBySub?: Maybe<Scalars['String']['output']>;
  /** the PointsEntry approval wrote */
  entryId?: Maybe<Scalars['ID']['output']>;
  explanation: Scalars['String']['output'];
  growth: Scalars['Int']['output'];
  heldAt: Scalars['DateTime']['output'];
  memberId: Scalars['ID']['output'];
  orderId: Scalars['ID']['output'];
  placedAt: Scalars['DateTime']['output'];
  /** the points approval grants (computed when the order arrived) */
  points: Scalars['Int']['output'];
  reason: HoldReason;
  rejectReason?: Maybe<Scalars['String']['output']>;
  status: HeldOrderStatus;
  storeId?: Maybe<Scalars['ID']['output']>;
  total: Money;
};

export type HeldOrderStatus =
  | 'APPROVED'
  | 'HELD'
  | 'REJECTED';

/** Which orders that arrive after their return window wait for approval. */
export type HoldLateOrders =
  /** all late orders, from systems too */
  | 'ALL'
  /** none: late orders grant at once */
  | 'NONE'
  /** those a person typed in (enteredBy with a role other than SYSTEM) */
  | 'STAFF';

export type HoldReason =
  /** the order total is above holdOrdersAbove */
  | 'LARGE_ORDER'
  /** the order arrived after its return window (per holdLateOrders) */
  | 'LATE_ORDER'
  /** its points would take the staff token that entered it over maxPointsPerStaffPerDay */
  | 'STAFF_DAILY_CAP';

/** One answer of identifyMembers, in the order asked. */
export type IdentifiedMember = {
  __typename?: 'IdentifiedMember';
  /** Why it was refused (an error code, e.g. BAD_USER_INPUT). */
  code?: Maybe<Scalars['String']['output']>;
  /** The member; null when this one was refused. */
  memberId?: Maybe<Scalars['ID']['output']>;
  message?: Maybe<Scalars['String']['output']>;
};

export type IdentifyMemberInput = {
  /** The customer's birthday, YYYY-MM-DD or MM-DD (only month and day are kept): birthday campaigns. Recorded where the member has none. */
  birthday?: InputMaybe<Scalars['String']['input']>;
  channel: Channel;
  /** Channels the customer opted into as it was met (e.g. following the WeChat account: WECHAT). Recorded only where the member has made no choice on that channel yet (a recorded opt-out stands), before the member is announced, so a welcome can go out on them (R-ID-6). */
  consents?: InputMaybe<Array<Channel>>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  externalId: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  /** The clerk (导购) whose QR code the customer scanned, with the storeId it works at: a member created this way is the clerk's recruit (R-ID-4). */
  recruitedBy?: InputMaybe<Scalars['ID']['input']>;
  /** Store where the customer was met (QR scan, POS), if any. */
  storeId?: InputMaybe<Scalars['ID']['input']>;
};

export type IdentifyMemberPayload = {
  __typename?: 'IdentifyMemberPayload';
  /** True when this call created the member. */
  created: Scalars['Boolean']['output'];
  /** True when this call linked the identity to an existing member (e.g. same phone). */
  linked: Scalars['Boolean']['output'];
  member: Member;
};

/** An order of a batch that was not imported, and why. */
export type ImportOrderRejection = {
  __typename?: 'ImportOrderRejection';
  /** The error code it would have had alone (e.g. BAD_USER_INPUT). */
  code: Scalars['String']['output'];
  /** Its position in the batch (from 0). */
  index: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

export type ImportOrdersInput = {
  /** Up to 500 historical orders (earning no points), each as ingestOrder takes it. */
  orders: Array<IngestOrderInput>;
};

export type ImportOrdersPayload = {
  __typename?: 'ImportOrdersPayload';
  /** Orders written by this batch. */
  created: Scalars['Int']['output'];
  /** Orders known already (a resumed import sends some again). */
  existing: Scalars['Int']['output'];
  rejected: Array<ImportOrderRejection>;
};

/** One answer of importOpeningBalances, in the order asked. */
export type ImportedBalance = {
  __typename?: 'ImportedBalance';
  /** why this balance was refused (an error code), else null */
  code?: Maybe<Scalars['String']['output']>;
  /** the opening entry (null for a zero balance, or when refused) */
  entryId?: Maybe<Scalars['ID']['output']>;
  memberId: Scalars['ID']['output'];
  message?: Maybe<Scalars['String']['output']>;
};

export type IngestOrderInput = {
  /** How the buyer is known to the source system; used to identify the member. */
  buyer?: InputMaybe<IdentifyMemberInput>;
  channel: Channel;
  currency?: InputMaybe<Scalars['String']['input']>;
  externalId: Scalars['String']['input'];
  /** A historical order from a bulk import: it counts in history and metrics but earns no points (legacy balances are imported as opening balances). */
  historical?: InputMaybe<Scalars['Boolean']['input']>;
  lines: Array<OrderLineInput>;
  placedAt: Scalars['DateTime']['input'];
  source: Scalars['String']['input'];
  status?: InputMaybe<OrderStatus>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
};

export type IngestOrderPayload = {
  __typename?: 'IngestOrderPayload';
  /** False when (source, externalId) was already ingested. */
  created: Scalars['Boolean']['output'];
  order: Order;
};

/** A refund reported by a source system, by the order it knows; may arrive before the order. */
export type IngestRefundInput = {
  amount: Scalars['Int']['input'];
  orderExternalId: Scalars['String']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  refundId: Scalars['String']['input'];
  source: Scalars['String']['input'];
};

export type KeywordTag = {
  __typename?: 'KeywordTag';
  /** a word of a comment, e.g. 咸 */
  keyword: Scalars['String']['output'];
  /** the tag it means, e.g. 口味偏咸 */
  tag: Scalars['String']['output'];
};

export type KeywordTagInput = {
  /** a word of a comment, e.g. 咸 */
  keyword: Scalars['String']['input'];
  /** the tag it means, e.g. 口味偏咸 */
  tag: Scalars['String']['input'];
};

export type LegacyBalanceInput = {
  balance: Scalars['Int']['input'];
  memberId: Scalars['ID']['input'];
};

/** Members per lifecycle stage (identified → first purchase → repeat → fan, with churn risk). */
export type LifecycleFunnel = {
  __typename?: 'LifecycleFunnel';
  stages: Array<StageCount>;
  total: Scalars['Int']['output'];
};

export type LifecycleStage =
  | 'AT_RISK'
  | 'CHURNED'
  | 'FAN'
  | 'FIRST_PURCHASE'
  | 'IDENTIFIED'
  | 'REPEAT';

export type Member = {
  __typename?: 'Member';
  /** Consent to marketing per channel; a channel not listed has no recorded consent (treat as not granted). */
  consents: Array<ChannelConsent>;
  coupons: Array<Coupon>;
  displayName?: Maybe<Scalars['String']['output']>;
  /** The member's own feed of a channel: what is for it (segments, tags, tier, stores), not claimed yet, in stock; the most narrowly aimed first, then the newest. */
  feed: Array<ContentItem>;
  growth: Growth;
  id: Scalars['ID']['output'];
  /** Every channel identity, including those of members merged into this one (aliases). */
  identities: Array<ChannelIdentity>;
  joinedAt: Scalars['DateTime']['output'];
  joinedChannel: Channel;
  joinedStore?: Maybe<Store>;
  lifecycleStage: LifecycleStage;
  orderStats: OrderStats;
  /** Newest first, including orders of members merged into this one. */
  orders: OrderConnection;
  /** Masked (e.g. 138****5678) unless the caller's role may read PII for this member. */
  phone?: Maybe<Scalars['String']['output']>;
  points: PointsAccount;
  /** Questionnaires of fan operations sent to it. */
  questionnaires: Array<QuestionnaireAnswer>;
  relationship: Relationship;
  surveys: SurveyConnection;
  tags: Array<MemberTag>;
  tickets: Array<Ticket>;
};


export type MemberFeedArgs = {
  channel: Channel;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type MemberOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type MemberSurveysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type MemberTicketsArgs = {
  open?: InputMaybe<Scalars['Boolean']['input']>;
};

export type MemberConnection = {
  __typename?: 'MemberConnection';
  nodes: Array<Member>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MemberMerge = {
  __typename?: 'MemberMerge';
  id: Scalars['ID']['output'];
  mergedAt: Scalars['DateTime']['output'];
  /** "auto" or the role of the caller who merged */
  mergedBy: Scalars['String']['output'];
  mergedMemberId: Scalars['ID']['output'];
  /** why: an operator reason, or the automatic link by a shared verified phone */
  reason: Scalars['String']['output'];
  survivor: Member;
  undoneAt?: Maybe<Scalars['DateTime']['output']>;
};

/** Who may see a member: the stores and regions it joined or bought at. */
export type MemberScope = {
  __typename?: 'MemberScope';
  memberId: Scalars['ID']['output'];
  regions: Array<Scalars['String']['output']>;
  /** The member this id resolves to now (itself unless merged). */
  rootId: Scalars['ID']['output'];
  storeIds: Array<Scalars['ID']['output']>;
};

export type MemberTag = {
  __typename?: 'MemberTag';
  addedAt: Scalars['DateTime']['output'];
  name: Scalars['String']['output'];
  source: TagSource;
};

/** Two members a phone typed in by staff links: proposed for HQ review instead of merged automatically. */
export type MergeProposal = {
  __typename?: 'MergeProposal';
  createdAt: Scalars['DateTime']['output'];
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  decidedBy?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The merge an accepted proposal made (undoMerge undoes it). */
  mergeId?: Maybe<Scalars['ID']['output']>;
  mergedId: Scalars['ID']['output'];
  /** role:subject of whoever typed the phone in */
  proposedBy: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  status: MergeProposalStatus;
  storeId?: Maybe<Scalars['ID']['output']>;
  /** The member that owns the phone (survives an accepted merge). */
  survivorId: Scalars['ID']['output'];
};

export type MergeProposalStatus =
  | 'ACCEPTED'
  | 'DISMISSED'
  | 'OPEN';

/** An amount in minor units (fen) with its currency */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
};

export type Multiplier = {
  __typename?: 'Multiplier';
  categories?: Maybe<Array<Scalars['String']['output']>>;
  channels?: Maybe<Array<Scalars['String']['output']>>;
  daysOfMonth?: Maybe<Array<Scalars['Int']['output']>>;
  factor: Scalars['Float']['output'];
  from?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  plusOnly?: Maybe<Scalars['Boolean']['output']>;
  tiers?: Maybe<Array<Scalars['String']['output']>>;
  to?: Maybe<Scalars['DateTime']['output']>;
};

export type MultiplierInput = {
  categories?: InputMaybe<Array<Scalars['String']['input']>>;
  channels?: InputMaybe<Array<Channel>>;
  daysOfMonth?: InputMaybe<Array<Scalars['Int']['input']>>;
  factor: Scalars['Float']['input'];
  from?: InputMaybe<Scalars['DateTime']['input']>;
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  plusOnly?: InputMaybe<Scalars['Boolean']['input']>;
  tiers?: InputMaybe<Array<Scalars['String']['input']>>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** HQ: merges the two members (reversible with undoMerge). */
  acceptMergeProposal: MergeProposal;
  /** HQ and SYSTEM: a correction with a reason. */
  adjustPoints: PointsEntry;
  /** HQ: grants a held order exactly the points it would have earned (pending until its return window ends). Approving again returns the same entry. */
  approveHeldOrderPoints: PointsEntry;
  /** The member claims a coupon of an offer for itself: at most one per member and offer (claiming again answers the same coupon), never beyond the offer's stock (CONFLICT when none is left). */
  claimCoupon: Coupon;
  /** HQ and SYSTEM: removes a tag rule and the tags it added. */
  deleteTagRule: Scalars['Boolean']['output'];
  /** HQ: keeps the two members apart. */
  dismissMergeProposal: MergeProposal;
  /** Staff and systems: award points (campaigns, service recovery). Idempotent by key. */
  earnPoints: PointsEntry;
  identifyMember: IdentifyMemberPayload;
  /** SYSTEM (history imports): up to 500 customers identified at once, each as identifyMember does it; answers in the order asked, a refused one with its error code. */
  identifyMembers: Array<IdentifiedMember>;
  /** SYSTEM: a legacy balance imported once with its provenance (null for a zero balance). */
  importOpeningBalance?: Maybe<PointsEntry>;
  /** SYSTEM (legacy imports): up to 500 balances at once, each as importOpeningBalance takes it; answers in the order asked, a refused one (NOT_FOUND for a member that does not exist) with its error code instead of failing the rest. */
  importOpeningBalances: Array<ImportedBalance>;
  /** SYSTEM (bulk imports): up to 500 historical orders at once, no points; idempotent by (source, externalId). Bad orders are reported, the rest imported. */
  importOrders: ImportOrdersPayload;
  /** SYSTEM and HQ (adapters, imports); a clerk for its own store. Idempotent by (source, externalId). */
  ingestOrder: IngestOrderPayload;
  /** SYSTEM: a refund from a source system; null while its order has not arrived yet. */
  ingestRefund?: Maybe<Order>;
  /** The member's app showed it these items (1..50 ids): its feed ranks them after those it has not seen. The member for itself. */
  markContentSeen: Scalars['Boolean']['output'];
  /** HQ and SYSTEM. A recorded, reversible link; replaying the same merge returns the same record. */
  mergeMembers: MemberMerge;
  /** A ticket from a channel or staff. Idempotent by key. */
  openTicket: Ticket;
  /** Buys or extends the paid Plus membership. Idempotent by key. */
  purchasePlus: PlusMembership;
  /** SYSTEM: a stock reading pushed by the WMS adapter. */
  recordStock: Scalars['Boolean']['output'];
  /** Staff at a store: redeems a coupon by its code (case, spaces and dashes do not matter). Once: the same redemption again answers the same; redeemed at another store is a CONFLICT, expired BAD_USER_INPUT. `orderId`: the order it was used on (the POS adapter names it): a campaign coupon used on an order counts that purchase for the campaign. */
  redeemCoupon: Coupon;
  /** The member itself or staff. Atomic: never overspends (INSUFFICIENT_POINTS). Idempotent by key. */
  redeemPoints: PointsEntry;
  /** Partial or full; idempotent by refundId; never beyond the order total. */
  refundOrder: Order;
  /** HQ: a held order grants nothing, with a reason. */
  rejectHeldOrderPoints: HeldOrderPoints;
  /** Staff: resolved, with the resolution. */
  resolveTicket: Ticket;
  /** Staff: a response (the ticket then waits on the customer, the SLA clock paused). The member: its answer (the clock runs again). */
  respondToTicket: Ticket;
  /** HQ and SYSTEM: a campaign and its trigger (same id: replaced, its funnel kept). */
  saveCampaign: Campaign;
  /** HQ and SYSTEM: create or change a segment; membership is recomputed at once. */
  saveSegment: Segment;
  /** HQ: a category's survey template. */
  saveSurveyTemplate: SurveyTemplate;
  /** HQ and SYSTEM: a tag the member center maintains by itself (source RULE). */
  saveTagRule: TagRule;
  /** HQ: a questionnaire to every member of a segment, sent like a survey. Idempotent by id. */
  sendQuestionnaire: Questionnaire;
  /** HQ: changes the settings given of the tenant's customer service. */
  setCareSettings: CareSettings;
  /** Records consent to marketing on a channel: the member itself, or staff recording it. */
  setConsent: Member;
  /** HQ: the tenant earning rules. */
  setEarningRules: EarningRules;
  /** HQ: changes the settings given of the tenant's fraud limits. */
  setGrantLimits: GrantLimits;
  /** The member answers its survey: tags at once, and a recommendation or an apology with a ticket. */
  submitSurveyAnswer: SurveyResult;
  /** Adds a manual tag (idempotent). */
  tagMember: Member;
  /** A channel app reports what the member did with a campaign it was shown: CLICKED, SHARED, or JOINED_VIA_SHARE (it came in through `sharerId`'s share link: the sharer is credited). Each counts once per member and campaign; true when this call counted. */
  trackCampaign: Scalars['Boolean']['output'];
  /** HQ and SYSTEM. Restores the merged member exactly; returns it. */
  undoMerge: Member;
  /** Removes a tag, whatever its source (a rule may add it again). */
  untagMember: Member;
  /** HQ and SYSTEM: publish or update a content item. */
  upsertContentItem: ContentItem;
  /** HQ and SYSTEM: catalogue master data. */
  upsertSku: Sku;
  /** HQ and SYSTEM: create or update a store (master data from the ERP). */
  upsertStore: Store;
};


export type MutationAcceptMergeProposalArgs = {
  id: Scalars['ID']['input'];
};


export type MutationAdjustPointsArgs = {
  input: AdjustPointsInput;
};


export type MutationApproveHeldOrderPointsArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationClaimCouponArgs = {
  offerId: Scalars['ID']['input'];
};


export type MutationDeleteTagRuleArgs = {
  tag: Scalars['String']['input'];
};


export type MutationDismissMergeProposalArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEarnPointsArgs = {
  input: EarnPointsInput;
};


export type MutationIdentifyMemberArgs = {
  input: IdentifyMemberInput;
};


export type MutationIdentifyMembersArgs = {
  inputs: Array<IdentifyMemberInput>;
};


export type MutationImportOpeningBalanceArgs = {
  input: OpeningBalanceInput;
};


export type MutationImportOpeningBalancesArgs = {
  inputs: Array<OpeningBalanceInput>;
};


export type MutationImportOrdersArgs = {
  input: ImportOrdersInput;
};


export type MutationIngestOrderArgs = {
  input: IngestOrderInput;
};


export type MutationIngestRefundArgs = {
  input: IngestRefundInput;
};


export type MutationMarkContentSeenArgs = {
  itemIds: Array<Scalars['ID']['input']>;
};


export type MutationMergeMembersArgs = {
  mergedId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  survivorId: Scalars['ID']['input'];
};


export type MutationOpenTicketArgs = {
  input: OpenTicketInput;
};


export type MutationPurchasePlusArgs = {
  input: PurchasePlusInput;
};


export type MutationRecordStockArgs = {
  input: StockLevelInput;
};


export type MutationRedeemCouponArgs = {
  code: Scalars['String']['input'];
  orderId?: InputMaybe<Scalars['ID']['input']>;
  storeId: Scalars['ID']['input'];
};


export type MutationRedeemPointsArgs = {
  input: RedeemPointsInput;
};


export type MutationRefundOrderArgs = {
  input: RefundOrderInput;
};


export type MutationRejectHeldOrderPointsArgs = {
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationResolveTicketArgs = {
  resolution: Scalars['String']['input'];
  ticketId: Scalars['ID']['input'];
};


export type MutationRespondToTicketArgs = {
  message: Scalars['String']['input'];
  ticketId: Scalars['ID']['input'];
};


export type MutationSaveCampaignArgs = {
  input: CampaignInput;
};


export type MutationSaveSegmentArgs = {
  input: SaveSegmentInput;
};


export type MutationSaveSurveyTemplateArgs = {
  input: SurveyTemplateInput;
};


export type MutationSaveTagRuleArgs = {
  input: SaveTagRuleInput;
};


export type MutationSendQuestionnaireArgs = {
  input: QuestionnaireInput;
};


export type MutationSetCareSettingsArgs = {
  input: CareSettingsInput;
};


export type MutationSetConsentArgs = {
  channel: Channel;
  granted: Scalars['Boolean']['input'];
  memberId: Scalars['ID']['input'];
};


export type MutationSetEarningRulesArgs = {
  input: EarningRulesInput;
};


export type MutationSetGrantLimitsArgs = {
  input: GrantLimitsInput;
};


export type MutationSubmitSurveyAnswerArgs = {
  input: SurveyAnswerInput;
};


export type MutationTagMemberArgs = {
  memberId: Scalars['ID']['input'];
  tag: Scalars['String']['input'];
};


export type MutationTrackCampaignArgs = {
  action: CampaignAction;
  campaignId: Scalars['ID']['input'];
  sharerId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUndoMergeArgs = {
  mergeId: Scalars['ID']['input'];
};


export type MutationUntagMemberArgs = {
  memberId: Scalars['ID']['input'];
  tag: Scalars['String']['input'];
};


export type MutationUpsertContentItemArgs = {
  input: UpsertContentItemInput;
};


export type MutationUpsertSkuArgs = {
  input: UpsertSkuInput;
};


export type MutationUpsertStoreArgs = {
  input: UpsertStoreInput;
};

export type OpenTicketInput = {
  idempotencyKey: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  orderId?: InputMaybe<Scalars['ID']['input']>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
  subject: Scalars['String']['input'];
};

export type OpeningBalanceInput = {
  asOf: Scalars['DateTime']['input'];
  /** the member's id in that system */
  legacyRef: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  points: Scalars['Int']['input'];
  /** the legacy system, e.g. crm or erp */
  source: Scalars['String']['input'];
};

export type Order = {
  __typename?: 'Order';
  channel: Channel;
  externalId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lines: Array<OrderLine>;
  member?: Maybe<Member>;
  placedAt: Scalars['DateTime']['output'];
  source: Scalars['String']['output'];
  status: OrderStatus;
  store?: Maybe<Store>;
  total: Money;
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  nodes: Array<Order>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrderLine = {
  __typename?: 'OrderLine';
  quantity: Scalars['Int']['output'];
  sku: Sku;
  unitPrice: Money;
};

export type OrderLineInput = {
  quantity: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
  unitPrice: Scalars['Int']['input'];
};

export type OrderStats = {
  __typename?: 'OrderStats';
  firstOrderAt?: Maybe<Scalars['DateTime']['output']>;
  isRepeatCustomer: Scalars['Boolean']['output'];
  lastOrderAt?: Maybe<Scalars['DateTime']['output']>;
  orderCount: Scalars['Int']['output'];
  totalSpent: Money;
};

export type OrderStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PARTIALLY_REFUNDED'
  | 'PLACED'
  | 'REFUNDED';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** The paid Plus membership: a fee for a period. */
export type PlusMembership = {
  __typename?: 'PlusMembership';
  active: Scalars['Boolean']['output'];
  endsAt: Scalars['DateTime']['output'];
  fee: Money;
  startsAt: Scalars['DateTime']['output'];
};

export type PointsAccount = {
  __typename?: 'PointsAccount';
  balance: Scalars['Int']['output'];
  /** Points owed after a refund found too little to take back; repaid from the next earnings. */
  debt: Scalars['Int']['output'];
  /** Points that will expire within the given number of days. */
  expiring: Scalars['Int']['output'];
  /** Newest first. */
  history: PointsEntryConnection;
  lifetimeEarned: Scalars['Int']['output'];
  /** Points earned but not yet spendable (e.g. inside an order's return window). */
  pending: Scalars['Int']['output'];
};


export type PointsAccountExpiringArgs = {
  withinDays?: Scalars['Int']['input'];
};


export type PointsAccountHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type PointsDrift = {
  __typename?: 'PointsDrift';
  balance: Scalars['Int']['output'];
  /** what the legacy system changed since the import */
  drift?: Maybe<Scalars['Int']['output']>;
  imported: Scalars['Int']['output'];
  importedAsOf: Scalars['DateTime']['output'];
  legacyNow?: Maybe<Scalars['Int']['output']>;
  legacyRef: Scalars['String']['output'];
  memberId: Scalars['ID']['output'];
};

export type PointsEntry = {
  __typename?: 'PointsEntry';
  /** The spendable balance after this entry. */
  balanceAfter: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Signed change to the spendable balance. */
  delta: Scalars['Int']['output'];
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  explanation?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: PointsEntryKind;
  /** Signed change to the pending points. */
  pendingDelta: Scalars['Int']['output'];
  /** The earning rule that produced this entry, if any, and a human explanation. */
  ruleId?: Maybe<Scalars['String']['output']>;
  /** Every rule that fired (base rate, multipliers, caps). */
  ruleIds: Array<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  sourceRef: Scalars['String']['output'];
};

export type PointsEntryConnection = {
  __typename?: 'PointsEntryConnection';
  nodes: Array<PointsEntry>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PointsEntryKind =
  | 'ADJUST'
  | 'EARN'
  | 'EXPIRE'
  | 'MERGE'
  | 'REDEEM'
  /** pending points became spendable after the return window */
  | 'RELEASE'
  | 'REVERSE'
  /** the periodic tier review (no points change) */
  | 'REVIEW';

/** snapshot == ledger, checked account by account */
export type PointsReconciliation = {
  __typename?: 'PointsReconciliation';
  checked: Scalars['Int']['output'];
  mismatches: Array<AccountMismatch>;
};

/** What a segment or tag rule can test (totalSpent in fen; tag and store are sets). */
export type ProfileFact =
  | 'activityScore'
  | 'daysSinceJoined'
  | 'daysSinceLastPurchase'
  | 'engagement'
  | 'joinedChannel'
  | 'lastSatisfaction'
  | 'lifecycleStage'
  | 'orderCount'
  | 'quadrant'
  | 'satisfaction'
  | 'store'
  | 'tag'
  | 'tier'
  | 'totalSpent'
  | 'valueScore';

export type PurchasePlusInput = {
  currency?: Scalars['String']['input'];
  /** fee paid, in fen */
  fee: Scalars['Int']['input'];
  idempotencyKey: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  months: Scalars['Int']['input'];
};

export type QuadrantCount = {
  __typename?: 'QuadrantCount';
  count: Scalars['Int']['output'];
  quadrant: RelationshipQuadrant;
};

export type Query = {
  __typename?: 'Query';
  /** SYSTEM (the other subgraphs' authorizers): member scopes and store regions; unknown ids are left out. */
  accessScopes: AccessScopes;
  campaign?: Maybe<Campaign>;
  /** HQ: SLA, escalation, quiet hours, store contacts. */
  careSettings: CareSettings;
  /** A clerk's counts at its store: the clerk itself (its token's sub), its store manager, HQ. */
  clerkStats: ClerkStats;
  /** Staff: the earning rules and tiers of the tenant. */
  earningRules: EarningRules;
  /** Staff: the tenant's fraud limits on points. */
  grantLimits: GrantLimits;
  /** HQ and SYSTEM: orders whose points wait for approval (oldest first). */
  heldOrderPoints: Array<HeldOrderPoints>;
  /** Members per lifecycle stage for the same scopes as relationshipMatrix. */
  lifecycleFunnel: LifecycleFunnel;
  /** The member in the caller's token (role MEMBER). */
  me?: Maybe<Member>;
  /** Any id of the member, including one merged into another: the survivor is returned. */
  member?: Maybe<Member>;
  memberByIdentity?: Maybe<Member>;
  /** Staff roles only. */
  memberByPhone?: Maybe<Member>;
  /** The merge audit trail of a member (staff): merges into it and of it, undone ones included. */
  memberMerges: Array<MemberMerge>;
  /** Up to 100 members by id, in order; null where a member is unknown or not visible to the caller. */
  membersByIds: Array<Maybe<Member>>;
  /** HQ and SYSTEM: merge proposals, newest first. */
  mergeProposals: Array<MergeProposal>;
  order?: Maybe<Order>;
  /** HQ and SYSTEM: imported legacy balances against what the legacy system reports now. */
  pointsDrift: Array<PointsDrift>;
  /** HQ and SYSTEM: replays the ledger and compares it with every snapshot (or one member). */
  pointsReconciliation: PointsReconciliation;
  /** A questionnaire's answers per store: one store (its staff) or all of them (HQ). */
  questionnaireSummary?: Maybe<QuestionnaireSummary>;
  /** Members per relationship quadrant: a store, the caller's region or store, or the tenant. */
  relationshipMatrix: RelationshipMatrix;
  /** HQ and SYSTEM. */
  segment?: Maybe<Segment>;
  /** HQ and SYSTEM. */
  segments: Array<Segment>;
  sku?: Maybe<Sku>;
  /** Several SKUs in one request, in the order asked (null for an unknown code); at most 100 codes. */
  skus: Array<Maybe<Sku>>;
  store?: Maybe<Store>;
  /** Headline metrics of a store (or the tenant, HQ) over whole business days of the tenant (its time zone, default Asia/Shanghai): every day that the period [from, to) touches. */
  storeMetrics: StoreMetrics;
  /** Staff: how each product category is surveyed. */
  surveyTemplates: Array<SurveyTemplate>;
  /** Staff. */
  tagRules: Array<TagRule>;
  ticket?: Maybe<Ticket>;
  /** Staff: a store's tickets, a region's (its manager) or the tenant's (HQ), newest first. */
  tickets: TicketPage;
};


export type QueryAccessScopesArgs = {
  memberIds: Array<Scalars['ID']['input']>;
  storeIds: Array<Scalars['ID']['input']>;
};


export type QueryCampaignArgs = {
  id: Scalars['ID']['input'];
};


export type QueryClerkStatsArgs = {
  clerkId: Scalars['ID']['input'];
  storeId: Scalars['ID']['input'];
};


export type QueryHeldOrderPointsArgs = {
  first?: Scalars['Int']['input'];
  status?: HeldOrderStatus;
};


export type QueryLifecycleFunnelArgs = {
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryMemberArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemberByIdentityArgs = {
  channel: Channel;
  externalId: Scalars['String']['input'];
};


export type QueryMemberByPhoneArgs = {
  phone: Scalars['String']['input'];
};


export type QueryMemberMergesArgs = {
  memberId: Scalars['ID']['input'];
};


export type QueryMembersByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryMergeProposalsArgs = {
  first?: Scalars['Int']['input'];
  status?: MergeProposalStatus;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPointsDriftArgs = {
  legacy: Array<LegacyBalanceInput>;
  source: Scalars['String']['input'];
};


export type QueryPointsReconciliationArgs = {
  memberId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryQuestionnaireSummaryArgs = {
  id: Scalars['ID']['input'];
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRelationshipMatrixArgs = {
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


export type QuerySegmentArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySkuArgs = {
  code: Scalars['String']['input'];
};


export type QuerySkusArgs = {
  codes: Array<Scalars['String']['input']>;
};


export type QueryStoreArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStoreMetricsArgs = {
  from: Scalars['DateTime']['input'];
  storeId?: InputMaybe<Scalars['ID']['input']>;
  to: Scalars['DateTime']['input'];
};


export type QueryTicketArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTicketsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  open?: InputMaybe<Scalars['Boolean']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  storeId?: InputMaybe<Scalars['ID']['input']>;
};

/** A questionnaire sent to a segment of loyal members (R-CS-6). */
export type Questionnaire = {
  __typename?: 'Questionnaire';
  category: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** members it was sent to */
  members: Scalars['Int']['output'];
  questions: Array<Scalars['String']['output']>;
  segmentId: Scalars['ID']['output'];
  title: Scalars['String']['output'];
};

/** A member's questionnaire: answer it with submitSurveyAnswer. */
export type QuestionnaireAnswer = {
  __typename?: 'QuestionnaireAnswer';
  answeredAt?: Maybe<Scalars['DateTime']['output']>;
  comment?: Maybe<Scalars['String']['output']>;
  questionnaireId: Scalars['ID']['output'];
  score?: Maybe<Scalars['Int']['output']>;
  status: SurveyStatus;
  /** the survey id to answer with */
  surveyId: Scalars['ID']['output'];
};

export type QuestionnaireInput = {
  /** the category whose template's keywords tag the comments */
  category: Scalars['String']['input'];
  /** chosen by HQ; sending again with the same id and body changes nothing */
  id: Scalars['ID']['input'];
  questions: Array<Scalars['String']['input']>;
  segmentId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
};

export type QuestionnaireSummary = {
  __typename?: 'QuestionnaireSummary';
  questionnaire: Questionnaire;
  stores: Array<StoreFeedback>;
};

export type QuietHours = {
  __typename?: 'QuietHours';
  end: Scalars['String']['output'];
  /** HH:mm, the tenant wall clock */
  start: Scalars['String']['output'];
};

export type QuietHoursInput = {
  end: Scalars['String']['input'];
  /** HH:mm, the tenant wall clock */
  start: Scalars['String']['input'];
};

export type RedeemPointsInput = {
  idempotencyKey: Scalars['String']['input'];
  memberId: Scalars['ID']['input'];
  points: Scalars['Int']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type RefundOrderInput = {
  amount: Scalars['Int']['input'];
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  refundId: Scalars['String']['input'];
};

/** Consumption value x relationship activity (DOMAIN R-AN-1). Scores are 0..100. */
export type Relationship = {
  __typename?: 'Relationship';
  activityScore: Scalars['Int']['output'];
  quadrant: RelationshipQuadrant;
  valueScore: Scalars['Int']['output'];
};

/** Members per quadrant, for a store, a region or the tenant. */
export type RelationshipMatrix = {
  __typename?: 'RelationshipMatrix';
  cells: Array<QuadrantCount>;
  total: Scalars['Int']['output'];
};

export type RelationshipQuadrant =
  | 'HIGH_VALUE_ACTIVE'
  | 'HIGH_VALUE_DISTANT'
  | 'LOW_VALUE_ACTIVE'
  | 'LOW_VALUE_DISTANT';

export type Rule = {
  __typename?: 'Rule';
  conditions: Array<Condition>;
  match: RuleMatch;
};

export type RuleInput = {
  conditions: Array<ConditionInput>;
  match: RuleMatch;
};

export type RuleMatch =
  | 'ALL'
  | 'ANY';

export type RuleOp =
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'HAS'
  | 'IN'
  | 'LT'
  | 'LTE'
  | 'NEQ'
  | 'NOT_HAS'
  | 'NOT_IN';

export type SaveSegmentInput = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  rule: RuleInput;
};

export type SaveTagRuleInput = {
  rule: RuleInput;
  tag: Scalars['String']['input'];
};

/** Members matching a rule over their profile (R-CT-2), kept up to date as events arrive. */
export type Segment = {
  __typename?: 'Segment';
  count: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  members: MemberConnection;
  name: Scalars['String']['output'];
  rule: Rule;
};


/** Members matching a rule over their profile (R-CT-2), kept up to date as events arrive. */
export type SegmentMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Sku = {
  __typename?: 'Sku';
  availability: Availability;
  /** Products most often bought in the same order (store terminal, recommendations). */
  boughtTogether: Array<SkuBundle>;
  category?: Maybe<Scalars['String']['output']>;
  code: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
};


export type SkuAvailabilityArgs = {
  storeId?: InputMaybe<Scalars['ID']['input']>;
};


export type SkuBoughtTogetherArgs = {
  first?: Scalars['Int']['input'];
};

/** A product bought together with another, and how many orders had both. */
export type SkuBundle = {
  __typename?: 'SkuBundle';
  orders: Scalars['Int']['output'];
  sku: Sku;
};

export type StageCount = {
  __typename?: 'StageCount';
  count: Scalars['Int']['output'];
  stage: LifecycleStage;
};

export type StockLevelInput = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  available: Scalars['Int']['input'];
  locationId: Scalars['ID']['input'];
  onHand: Scalars['Int']['input'];
  sku: Scalars['String']['input'];
};

export type Store = {
  __typename?: 'Store';
  id: Scalars['ID']['output'];
  /** Staff: members who joined or bought at this store, within the caller's scope. */
  members: MemberConnection;
  name: Scalars['String']['output'];
  region: Scalars['String']['output'];
};


export type StoreMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type StoreContact = {
  __typename?: 'StoreContact';
  /** SMS, EMAIL or WECHAT_TEMPLATE */
  channel: Scalars['String']['output'];
  storeId: Scalars['ID']['output'];
  to: Scalars['String']['output'];
};

export type StoreContactInput = {
  /** SMS, EMAIL or WECHAT_TEMPLATE */
  channel: Scalars['String']['input'];
  storeId: Scalars['ID']['input'];
  to: Scalars['String']['input'];
};

/** A questionnaire's answers at one store (no store: members without one). */
export type StoreFeedback = {
  __typename?: 'StoreFeedback';
  answered: Scalars['Int']['output'];
  averageScore?: Maybe<Scalars['Float']['output']>;
  satisfied: Scalars['Int']['output'];
  sent: Scalars['Int']['output'];
  store?: Maybe<Store>;
  /** the tags the answers gave most */
  topTags: Array<Scalars['String']['output']>;
  unsatisfied: Scalars['Int']['output'];
};

export type StoreMetrics = {
  __typename?: 'StoreMetrics';
  identifiedCustomers: Scalars['Int']['output'];
  newMembers: Scalars['Int']['output'];
  orderCount: Scalars['Int']['output'];
  /** Share (0..1) of orders in the period placed by members with an earlier order. */
  repeatPurchaseShare: Scalars['Float']['output'];
  revenue: Money;
  store?: Maybe<Store>;
};

export type Survey = {
  __typename?: 'Survey';
  answeredAt?: Maybe<Scalars['DateTime']['output']>;
  comment?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  member: Member;
  order: Order;
  scheduledFor: Scalars['DateTime']['output'];
  score?: Maybe<Scalars['Int']['output']>;
  status: SurveyStatus;
};

export type SurveyAnswerInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  /** 1 (very unhappy) .. 5 (very happy) */
  score: Scalars['Int']['input'];
  surveyId: Scalars['ID']['input'];
};

export type SurveyConnection = {
  __typename?: 'SurveyConnection';
  nodes: Array<Survey>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type SurveyResult = {
  __typename?: 'SurveyResult';
  followUp: FollowUp;
  survey: Survey;
  /** tags written to the member with source SURVEY */
  tagsAdded: Array<Scalars['String']['output']>;
};

export type SurveyStatus =
  | 'ANSWERED'
  | 'EXPIRED'
  | 'SCHEDULED'
  | 'SENT';

/** How a product category is surveyed (R-CS-1). */
export type SurveyTemplate = {
  __typename?: 'SurveyTemplate';
  category: Scalars['String']['output'];
  /** 0: at once after the order; N: N days later */
  delayDays: Scalars['Int']['output'];
  keywordTags: Array<KeywordTag>;
  questions: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type SurveyTemplateInput = {
  category: Scalars['String']['input'];
  delayDays: Scalars['Int']['input'];
  keywordTags?: InputMaybe<Array<KeywordTagInput>>;
  questions: Array<Scalars['String']['input']>;
};

/** A tag the member center adds and removes by itself (source RULE). */
export type TagRule = {
  __typename?: 'TagRule';
  rule: Rule;
  tag: Scalars['String']['output'];
};

export type TagSource =
  | 'CAMPAIGN'
  | 'IMPORT'
  | 'MANUAL'
  | 'RULE'
  | 'SURVEY';

export type Ticket = {
  __typename?: 'Ticket';
  breached: Scalars['Boolean']['output'];
  /** Deadline for the first follow-up (72 hours after opening, clock paused while waiting on the customer). */
  dueAt: Scalars['DateTime']['output'];
  firstResponseAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  member: Member;
  openedAt: Scalars['DateTime']['output'];
  order?: Maybe<Order>;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  status: TicketStatus;
  store?: Maybe<Store>;
  subject: Scalars['String']['output'];
};

export type TicketPage = {
  __typename?: 'TicketPage';
  nodes: Array<Ticket>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TicketStatus =
  | 'OPEN'
  | 'RESOLVED'
  | 'WAITING_ON_CUSTOMER';

export type Tier = {
  __typename?: 'Tier';
  code: Scalars['String']['output'];
  name: Scalars['String']['output'];
  rank: Scalars['Int']['output'];
};

export type UpsertContentItemInput = {
  body: Scalars['String']['input'];
  channels: Array<Channel>;
  id: Scalars['ID']['input'];
  kind: ContentKind;
  /** for a COUPON_OFFER only */
  offer?: InputMaybe<CouponOfferInput>;
  /** omitted: everyone */
  targeting?: InputMaybe<ContentTargetingInput>;
  title: Scalars['String']['input'];
};

export type UpsertSkuInput = {
  category: Scalars['String']['input'];
  code: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type UpsertStoreInput = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  region: Scalars['String']['input'];
};

export type AppMyAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type AppMyAccountQuery = { __typename?: 'Query', me?: { __typename?: 'Member', id: string, displayName?: string | null, phone?: string | null, points: { __typename?: 'PointsAccount', balance: number, pending: number, expiring: number }, growth: { __typename?: 'Growth', pointsToNextTier?: number | null, tier: { __typename?: 'Tier', code: string }, nextTier?: { __typename?: 'Tier', code: string } | null } } | null };

export type AppMyOrdersQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AppMyOrdersQuery = { __typename?: 'Query', me?: { __typename?: 'Member', id: string, orders: { __typename?: 'OrderConnection', totalCount: number, nodes: Array<{ __typename?: 'Order', id: string, total: { __typename?: 'Money', amount: number } }> } } | null };

export type AppMyFeedQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AppMyFeedQuery = { __typename?: 'Query', me?: { __typename?: 'Member', id: string, feed: Array<{ __typename?: 'ContentItem', id: string, kind: ContentKind, title: string, body: string }>, coupons: Array<{ __typename?: 'Coupon', id: string, code: string, status: CouponStatus, validUntil: string }> } | null };

export type AppClaimCouponMutationVariables = Exact<{
  offerId: Scalars['ID']['input'];
}>;


export type AppClaimCouponMutation = { __typename?: 'Mutation', claimCoupon: { __typename?: 'Coupon', id: string, code: string, status: CouponStatus, validUntil: string } };

export type MallSkuAvailabilityQueryVariables = Exact<{
  codes: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type MallSkuAvailabilityQuery = { __typename?: 'Query', skus: Array<{ __typename?: 'Sku', code: string, name?: string | null, availability: { __typename?: 'Availability', available: number, stale: boolean } } | null> };

export type MallCheckoutMemberQueryVariables = Exact<{ [key: string]: never; }>;


export type MallCheckoutMemberQuery = { __typename?: 'Query', me?: { __typename?: 'Member', id: string, points: { __typename?: 'PointsAccount', balance: number }, coupons: Array<{ __typename?: 'Coupon', id: string, code: string, status: CouponStatus, validUntil: string }> } | null };

export type MiniProgramCardQueryVariables = Exact<{ [key: string]: never; }>;


export type MiniProgramCardQuery = { __typename?: 'Query', me?: { __typename?: 'Member', id: string, displayName?: string | null, points: { __typename?: 'PointsAccount', balance: number, expiring: number }, growth: { __typename?: 'Growth', tier: { __typename?: 'Tier', code: string } }, coupons: Array<{ __typename?: 'Coupon', id: string, code: string, status: CouponStatus }> } | null };

export type MiniProgramFeedQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type MiniProgramFeedQuery = { __typename?: 'Query', me?: { __typename?: 'Member', id: string, feed: Array<{ __typename?: 'ContentItem', id: string, title: string, body: string }> } | null };

export type StoreTerminalMemberByPhoneQueryVariables = Exact<{
  phone: Scalars['String']['input'];
}>;


export type StoreTerminalMemberByPhoneQuery = { __typename?: 'Query', memberByPhone?: { __typename?: 'Member', id: string, displayName?: string | null, phone?: string | null, lifecycleStage: LifecycleStage, joinedAt: string, tags: Array<{ __typename?: 'MemberTag', name: string }>, points: { __typename?: 'PointsAccount', balance: number, pending: number, expiring: number }, growth: { __typename?: 'Growth', pointsToNextTier?: number | null, tier: { __typename?: 'Tier', code: string, name: string }, nextTier?: { __typename?: 'Tier', name: string } | null }, orders: { __typename?: 'OrderConnection', totalCount: number, nodes: Array<{ __typename?: 'Order', id: string, channel: Channel, status: OrderStatus, placedAt: string, store?: { __typename?: 'Store', name: string } | null, total: { __typename?: 'Money', amount: number, currency: string } }> }, orderStats: { __typename?: 'OrderStats', orderCount: number, totalSpent: { __typename?: 'Money', amount: number, currency: string } }, tickets: Array<{ __typename?: 'Ticket', id: string, subject: string, status: TicketStatus, openedAt: string, dueAt: string, breached: boolean }> } | null };

export type StoreTerminalMemberQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type StoreTerminalMemberQuery = { __typename?: 'Query', member?: { __typename?: 'Member', id: string, displayName?: string | null, phone?: string | null, lifecycleStage: LifecycleStage, joinedAt: string, tags: Array<{ __typename?: 'MemberTag', name: string }>, points: { __typename?: 'PointsAccount', balance: number, pending: number, expiring: number }, growth: { __typename?: 'Growth', pointsToNextTier?: number | null, tier: { __typename?: 'Tier', code: string, name: string }, nextTier?: { __typename?: 'Tier', name: string } | null }, orders: { __typename?: 'OrderConnection', totalCount: number, nodes: Array<{ __typename?: 'Order', id: string, channel: Channel, status: OrderStatus, placedAt: string, store?: { __typename?: 'Store', name: string } | null, total: { __typename?: 'Money', amount: number, currency: string } }> }, orderStats: { __typename?: 'OrderStats', orderCount: number, totalSpent: { __typename?: 'Money', amount: number, currency: string } }, tickets: Array<{ __typename?: 'Ticket', id: string, subject: string, status: TicketStatus, openedAt: string, dueAt: string, breached: boolean }> } | null };

export type StoreTerminalMemberViewFragment = { __typename?: 'Member', id: string, displayName?: string | null, phone?: string | null, lifecycleStage: LifecycleStage, joinedAt: string, tags: Array<{ __typename?: 'MemberTag', name: string }>, points: { __typename?: 'PointsAccount', balance: number, pending: number, expiring: number }, growth: { __typename?: 'Growth', pointsToNextTier?: number | null, tier: { __typename?: 'Tier', code: string, name: string }, nextTier?: { __typename?: 'Tier', name: string } | null }, orders: { __typename?: 'OrderConnection', totalCount: number, nodes: Array<{ __typename?: 'Order', id: string, channel: Channel, status: OrderStatus, placedAt: string, store?: { __typename?: 'Store', name: string } | null, total: { __typename?: 'Money', amount: number, currency: string } }> }, orderStats: { __typename?: 'OrderStats', orderCount: number, totalSpent: { __typename?: 'Money', amount: number, currency: string } }, tickets: Array<{ __typename?: 'Ticket', id: string, subject: string, status: TicketStatus, openedAt: string, dueAt: string, breached: boolean }> };

export type StoreTerminalEarnPointsMutationVariables = Exact<{
  input: EarnPointsInput;
}>;


export type StoreTerminalEarnPointsMutation = { __typename?: 'Mutation', earnPoints: { __typename?: 'PointsEntry', id: string, delta: number, balanceAfter: number } };

export type StoreTerminalRedeemPointsMutationVariables = Exact<{
  input: RedeemPointsInput;
}>;


export type StoreTerminalRedeemPointsMutation = { __typename?: 'Mutation', redeemPoints: { __typename?: 'PointsEntry', id: string, delta: number, balanceAfter: number } };

export type StoreTerminalRespondToTicketMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  message: Scalars['String']['input'];
}>;


export type StoreTerminalRespondToTicketMutation = { __typename?: 'Mutation', respondToTicket: { __typename?: 'Ticket', id: string, status: TicketStatus } };

export const StoreTerminalMemberViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StoreTerminalMemberView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Member"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"joinedAt"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"expiring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"IntValue","value":"30"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"growth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextTier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pointsToNextTier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalSpent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"open"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}}]}}]}}]} as unknown as DocumentNode<StoreTerminalMemberViewFragment, unknown>;
export const AppMyAccountDocument = {"__meta__":{"hash":"854b38a730e8f5f85e8b5806efb92f16a2a4ce0c30fc2a8f62b7e4e15f86d3f5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppMyAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"expiring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"IntValue","value":"30"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"growth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextTier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pointsToNextTier"}}]}}]}}]}}]} as unknown as DocumentNode<AppMyAccountQuery, AppMyAccountQueryVariables>;
export const AppMyOrdersDocument = {"__meta__":{"hash":"4a4cd23a10628a976da43e1a8c8534e622ed48b7d668cd5258d152c1e5a12212"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppMyOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AppMyOrdersQuery, AppMyOrdersQueryVariables>;
export const AppMyFeedDocument = {"__meta__":{"hash":"d718685c32a6c0ca7f81945dc3ffae28e71d5b4e39d8ed36aa64a63469e3bf4d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppMyFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"feed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"APP"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coupons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}}]}}]} as unknown as DocumentNode<AppMyFeedQuery, AppMyFeedQueryVariables>;
export const AppClaimCouponDocument = {"__meta__":{"hash":"1d0b79d6cd4d35f45773eca6bb54d6b34a780a9fcf6e5bc814cc96408c4bb89e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AppClaimCoupon"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimCoupon"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"offerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offerId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}}]} as unknown as DocumentNode<AppClaimCouponMutation, AppClaimCouponMutationVariables>;
export const MallSkuAvailabilityDocument = {"__meta__":{"hash":"36840c852548f12206b805c00f18931fc0fc82b6ae1ff8afe3c004b43ab611cb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MallSkuAvailability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"codes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"codes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"codes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}}]}}]}}]}}]} as unknown as DocumentNode<MallSkuAvailabilityQuery, MallSkuAvailabilityQueryVariables>;
export const MallCheckoutMemberDocument = {"__meta__":{"hash":"6afa1fbfeab62f6158665adaf625c4a528fdb55ceea9bb83d9a311de3b53505d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MallCheckoutMember"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coupons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}}]}}]}}]} as unknown as DocumentNode<MallCheckoutMemberQuery, MallCheckoutMemberQueryVariables>;
export const MiniProgramCardDocument = {"__meta__":{"hash":"2b5411807a332eda1a96d17cda565f40dfbd82c9497704e1b3356e5cf20ec3be"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MiniProgramCard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"expiring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"IntValue","value":"30"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"growth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coupons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<MiniProgramCardQuery, MiniProgramCardQueryVariables>;
export const MiniProgramFeedDocument = {"__meta__":{"hash":"7e4002b0bebee7157ef0664ac49906862c33426a02c19732c82e1da374733beb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MiniProgramFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"feed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"WECHAT"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]}}]} as unknown as DocumentNode<MiniProgramFeedQuery, MiniProgramFeedQueryVariables>;
export const StoreTerminalMemberByPhoneDocument = {"__meta__":{"hash":"563a8d19917bbffd3f8ea91e47724bf7a580801dfc9bb33bb4d418757a09b91b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StoreTerminalMemberByPhone"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberByPhone"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StoreTerminalMemberView"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StoreTerminalMemberView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Member"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"joinedAt"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"expiring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"IntValue","value":"30"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"growth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextTier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pointsToNextTier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalSpent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"open"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}}]}}]}}]} as unknown as DocumentNode<StoreTerminalMemberByPhoneQuery, StoreTerminalMemberByPhoneQueryVariables>;
export const StoreTerminalMemberDocument = {"__meta__":{"hash":"11f8acda4555375bcf10ffa0ce0b0662e131c94e16c7094edf9811bb6dd3ae10"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StoreTerminalMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StoreTerminalMemberView"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StoreTerminalMemberView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Member"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStage"}},{"kind":"Field","name":{"kind":"Name","value":"joinedAt"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"expiring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"IntValue","value":"30"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"growth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextTier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pointsToNextTier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"store"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalSpent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"open"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}}]}}]}}]} as unknown as DocumentNode<StoreTerminalMemberQuery, StoreTerminalMemberQueryVariables>;
export const StoreTerminalEarnPointsDocument = {"__meta__":{"hash":"63fbe8e924e4a1579ecd1efa327d662dc285d6980b3feb74784b629f86417eea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StoreTerminalEarnPoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EarnPointsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"earnPoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"delta"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}}]}}]}}]} as unknown as DocumentNode<StoreTerminalEarnPointsMutation, StoreTerminalEarnPointsMutationVariables>;
export const StoreTerminalRedeemPointsDocument = {"__meta__":{"hash":"21692f0d4016c0f82b6cd516682dbb03affb5ebd833f895b9f097c407a55b1f5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StoreTerminalRedeemPoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RedeemPointsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeemPoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"delta"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}}]}}]}}]} as unknown as DocumentNode<StoreTerminalRedeemPointsMutation, StoreTerminalRedeemPointsMutationVariables>;
export const StoreTerminalRespondToTicketDocument = {"__meta__":{"hash":"5a2a0721e287eeeea2bda70f705340aebb370b74c7de312c9627648fb0f42540"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StoreTerminalRespondToTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"respondToTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StoreTerminalRespondToTicketMutation, StoreTerminalRespondToTicketMutationVariables>;