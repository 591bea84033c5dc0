import { Schema, type Connection, type Model } from 'mongoose';
import type { Channel } from '@zhongtai/contracts';

export interface MemberDoc {
  _id: string;
  tenant: string;
  displayName?: string;
  phone?: string;
  joinedAt: Date;
  joinedChannel: Channel;
  joinedStoreId?: string;
  /** stores the member joined at or bought at, and their regions (visibility) */
  storeIds: string[];
  regions: string[];
  /** set while this member is merged into another (the survivor) */
  mergedInto?: string;
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

const member = new Schema<MemberDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    displayName: String,
    phone: String,
    joinedAt: { type: Date, required: true },
    joinedChannel: { type: String, required: true },
    joinedStoreId: String,
    storeIds: { type: [String], default: [] },
    regions: { type: [String], default: [] },
    mergedInto: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
member.index({ tenant: 1, joinedStoreId: 1 });

const identity = new Schema<IdentityDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    channel: { type: String, required: true },
    externalId: { type: String, required: true },
    memberId: { type: String, required: true },
    linkedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
identity.index({ tenant: 1, memberId: 1 });

const phoneClaim = new Schema<PhoneClaimDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    claimedAt: Date,
  },
  { versionKey: false },
);

const store = new Schema<StoreDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    storeId: { type: String, required: true },
    name: { type: String, required: true },
    region: { type: String, required: true },
  },
  { versionKey: false },
);

export interface MemberModels {
  Member: Model<MemberDoc>;
  Identity: Model<IdentityDoc>;
  PhoneClaim: Model<PhoneClaimDoc>;
  Store: Model<StoreDoc>;
}

export function memberModels(db: Connection): MemberModels {
  const get = <T>(name: string, s: Schema<T>, collection: string) =>
    (db.models[name] as Model<T>) ?? db.model<T>(name, s, collection);
  return {
    Member: get('Member', member, 'members'),
    Identity: get('Identity', identity, 'identities'),
    PhoneClaim: get('PhoneClaim', phoneClaim, 'phone_claims'),
    Store: get('Store', store, 'stores'),
  };
}

export const identityKey = (tenant: string, channel: string, externalId: string) =>
  `${tenant}|${channel}|${externalId}`;
export const phoneKey = (tenant: string, phone: string) => `${tenant}|${phone}`;
export const storeKey = (tenant: string, storeId: string) => `${tenant}|${storeId}`;
