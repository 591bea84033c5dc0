import { Schema, type Connection } from 'mongoose';
import { modelOn } from '@zhongtai/subgraph-kit';
import type { SurveyDoc, TicketDoc } from '../domain/records.js';

const ticket = new Schema<TicketDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    orderId: String,
    storeId: String,
    status: { type: String, required: true },
    subject: { type: String, required: true },
    openedAt: { type: Date, required: true },
    firstResponseAt: Date,
    dueAt: { type: Date, required: true },
    resolvedAt: Date,
  },
  { versionKey: false },
);
ticket.index({ tenant: 1, memberId: 1, openedAt: -1 });

const survey = new Schema<SurveyDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    orderId: { type: String, required: true },
    storeId: String,
    status: { type: String, required: true },
    scheduledFor: { type: Date, required: true },
    score: Number,
    comment: String,
    answeredAt: Date,
  },
  { versionKey: false },
);
survey.index({ tenant: 1, memberId: 1, scheduledFor: -1 });

export function careModels(db: Connection) {
  return {
    Ticket: modelOn(db, 'Ticket', ticket, 'tickets'),
    Survey: modelOn(db, 'Survey', survey, 'surveys'),
  };
}
