import { Schema, type Connection, type Model } from 'mongoose';

/** The balance snapshot of one member's account. */
export interface AccountDoc {
  /** `${tenant}|${memberId}` */
  _id: string;
  tenant: string;
  memberId: string;
  balance: number;
  pending: number;
  lifetimeEarned: number;
  growth: number;
  updatedAt: Date;
}

const account = new Schema<AccountDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    balance: { type: Number, required: true, default: 0 },
    pending: { type: Number, required: true, default: 0 },
    lifetimeEarned: { type: Number, required: true, default: 0 },
    growth: { type: Number, required: true, default: 0 },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function pointsModels(db: Connection) {
  return {
    Account: (db.models.Account as Model<AccountDoc>) ?? db.model<AccountDoc>('Account', account, 'accounts'),
  };
}

export const accountKey = (tenant: string, memberId: string) => `${tenant}|${memberId}`;
