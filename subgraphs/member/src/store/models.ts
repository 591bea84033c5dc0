import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn } from '@zhongtai/subgraph-kit';
import type {
  ConsentDoc,
  FactsRecord,
  IdentityDoc,
  MemberDoc,
  MergeDoc,
  PhoneClaimDoc,
  SegmentDoc,
  SegmentMemberDoc,
  StoreDoc,
  TagDoc,
  TagRuleDoc,
} from '../domain/records.js';

/** The collections of the member center (the records are in ../domain/records.ts); private to store/. */
const opts = { versionKey: false as const, minimize: false };
const str = { type: String, required: true };

const member = new Schema<MemberDoc>(
  {
    _id: String,
    tenant: str,
    displayName: String,
    phone: String,
    birthday: String,
    joinedAt: { type: Date, required: true },
    joinedChannel: str,
    joinedStoreId: String,
    ownStoreIds: { type: [String], default: [] },
    ownRegions: { type: [String], default: [] },
    storeIds: { type: [String], default: [] },
    regions: { type: [String], default: [] },
    mergedInto: String,
    mergeId: String,
    absorbed: { type: [String], default: [] },
    announcedProfile: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  opts,
);
member.index({ tenant: 1, storeIds: 1 });

const identity = new Schema<IdentityDoc>(
  {
    _id: String,
    tenant: str,
    channel: str,
    externalId: str,
    memberId: str,
    linkedAt: { type: Date, required: true },
    pending: { type: Schema.Types.Mixed },
    pendingAt: Date,
  },
  opts,
);
identity.index({ tenant: 1, memberId: 1 });
identity.index({ pendingAt: 1 });

const phoneClaim = new Schema<PhoneClaimDoc>(
  { _id: String, tenant: str, memberId: str, claimedAt: Date },
  opts,
);
const store = new Schema<StoreDoc>({ _id: String, tenant: str, storeId: str, name: str, region: str }, opts);

const merge = new Schema<MergeDoc>(
  {
    _id: String,
    tenant: str,
    survivorId: str,
    mergedId: str,
    reason: str,
    by: str,
    mergedAt: { type: Date, required: true },
    undoneAt: Date,
    undoneBy: String,
    state: String,
    undo: String,
    outboxEvents: Schema.Types.Mixed,
    outboxCount: Number,
    outboxAt: Date,
  },
  opts,
);
merge.index({ tenant: 1, survivorId: 1 });
merge.index({ state: 1 });
merge.index({ undo: 1 });
merge.index({ tenant: 1, mergedId: 1 });

const tag = new Schema<TagDoc>(
  {
    _id: String,
    tenant: str,
    memberId: str,
    name: str,
    source: str,
    addedAt: { type: Date, required: true },
  },
  opts,
);
tag.index({ tenant: 1, memberId: 1 });

const facts = new Schema<FactsRecord>(
  {
    _id: String,
    tenant: str,
    memberId: str,
    orders: { type: Schema.Types.Mixed, default: {} },
    surveys: { type: Schema.Types.Mixed, default: {} },
    engagement: { type: Schema.Types.Mixed, default: {} },
    tier: String,
    tierAt: Date,
  },
  opts,
);

const consent = new Schema<ConsentDoc>(
  { _id: String, tenant: str, memberId: str, channel: str, granted: Boolean, source: str, updatedAt: Date },
  opts,
);
consent.index({ tenant: 1, memberId: 1 });

const segment = new Schema<SegmentDoc>(
  {
    _id: String,
    tenant: str,
    segmentId: str,
    name: str,
    rule: { type: Schema.Types.Mixed, required: true },
    updatedAt: Date,
  },
  opts,
);
segment.index({ tenant: 1 });
const segmentMember = new Schema<SegmentMemberDoc>(
  { _id: String, tenant: str, segmentId: str, memberId: str, since: Date },
  opts,
);
segmentMember.index({ tenant: 1, segmentId: 1, memberId: 1 });
segmentMember.index({ tenant: 1, memberId: 1 });
const tagRule = new Schema<TagRuleDoc>(
  { _id: String, tenant: str, tag: str, rule: { type: Schema.Types.Mixed, required: true }, updatedAt: Date },
  opts,
);
tagRule.index({ tenant: 1 });

export interface MemberModels {
  Member: Model<MemberDoc>;
  Identity: Model<IdentityDoc>;
  PhoneClaim: Model<PhoneClaimDoc>;
  Store: Model<StoreDoc>;
  Merge: Model<MergeDoc>;
  Tag: Model<TagDoc>;
  Facts: Model<FactsRecord>;
  Consent: Model<ConsentDoc>;
  Segment: Model<SegmentDoc>;
  SegmentMember: Model<SegmentMemberDoc>;
  TagRule: Model<TagRuleDoc>;
}

export function memberModels(db: Connection): MemberModels {
  const get = <T>(name: string, s: Schema<T>, collection: string) => modelOn(db, name, s, collection);
  return {
    Member: get('Member', member, 'members'),
    Identity: get('Identity', identity, 'identities'),
    PhoneClaim: get('PhoneClaim', phoneClaim, 'phone_claims'),
    Store: get('Store', store, 'stores'),
    Merge: get('Merge', merge, 'merges'),
    Tag: get('Tag', tag, 'tags'),
    Facts: get('Facts', facts, 'profile_facts'),
    Consent: get('Consent', consent, 'consents'),
    Segment: get('Segment', segment, 'segments'),
    SegmentMember: get('SegmentMember', segmentMember, 'segment_members'),
    TagRule: get('TagRule', tagRule, 'tag_rules'),
  };
}
