import { Schema, type Connection } from 'mongoose';
import { dueFields, modelOn } from '@zhongtai/subgraph-kit';
import type {
  CareSettingsDoc,
  QuestionnaireDoc,
  SkuCategoryDoc,
  StoreRegionDoc,
  SurveyDoc,
  SurveyTemplateDoc,
  TicketDoc,
} from '../domain/records.js';

const mixed = { type: Schema.Types.Mixed };
const opts = { versionKey: false as const, minimize: false };
/** the scheduler's fields (the kit's DueClaims), and who held the record before each merge (the kit's `merge-moves.ts`) */
const scheduled = { ...dueFields, via: mixed };

const ticket = new Schema<TicketDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    originalMemberId: String,
    orderId: String,
    storeId: String,
    surveyId: String,
    source: String,
    status: { type: String, required: true },
    subject: { type: String, required: true },
    openedAt: { type: Date, required: true },
    firstResponseAt: Date,
    slaMs: Number,
    pausedMs: Number,
    waitingSince: Date,
    messages: mixed,
    escalations: mixed,
    resolvedAt: Date,
    resolution: String,
    version: { type: Number, default: 0 },
    ...scheduled,
  },
  opts,
);
ticket.index({ tenant: 1, memberId: 1, openedAt: -1 });
ticket.index({ tenant: 1, storeId: 1, openedAt: -1 });
ticket.index({ dueAt: 1 });

const survey = new Schema<SurveyDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    memberId: { type: String, required: true },
    originalMemberId: String,
    orderId: String,
    storeId: String,
    attributedTo: String,
    campaignId: String,
    category: String,
    status: { type: String, required: true },
    scheduledFor: { type: Date, required: true },
    sentAt: Date,
    sentVia: String,
    expiresAt: Date,
    score: Number,
    comment: String,
    answeredAt: Date,
    tags: [String],
    followUp: mixed,
    ...scheduled,
  },
  opts,
);
survey.index({ tenant: 1, memberId: 1, scheduledFor: -1 });
survey.index({ tenant: 1, orderId: 1 });
survey.index({ tenant: 1, campaignId: 1 });
survey.index({ dueAt: 1 });

const template = new Schema<SurveyTemplateDoc>(
  {
    _id: String,
    tenant: String,
    category: String,
    delayDays: Number,
    questions: [String],
    keywordTags: mixed,
    updatedAt: Date,
  },
  opts,
);
template.index({ tenant: 1 });

const skuCategory = new Schema<SkuCategoryDoc>(
  { _id: String, tenant: String, sku: String, category: String },
  opts,
);
skuCategory.index({ tenant: 1, category: 1, sku: 1 });

const settings = new Schema<CareSettingsDoc>(
  {
    _id: String,
    slaHours: Number,
    escalateToHqAfterHours: Number,
    quietHours: mixed,
    answerWithinDays: Number,
    storeContacts: mixed,
    updatedAt: Date,
  },
  opts,
);

const questionnaire = new Schema<QuestionnaireDoc>(
  {
    _id: String,
    tenant: String,
    questionnaireId: String,
    title: String,
    segmentId: String,
    category: String,
    questions: [String],
    requestHash: String,
    members: Number,
    createdAt: Date,
  },
  opts,
);

const storeRegion = new Schema<StoreRegionDoc>(
  { _id: String, tenant: String, storeId: String, region: String },
  opts,
);
storeRegion.index({ tenant: 1, region: 1 });

export function careModels(db: Connection) {
  return {
    Ticket: modelOn(db, 'Ticket', ticket, 'tickets'),
    Survey: modelOn(db, 'Survey', survey, 'surveys'),
    Template: modelOn(db, 'SurveyTemplate', template, 'survey_templates'),
    SkuCategory: modelOn(db, 'CareSkuCategory', skuCategory, 'sku_categories'),
    Settings: modelOn(db, 'CareSettings', settings, 'care_settings'),
    Questionnaire: modelOn(db, 'Questionnaire', questionnaire, 'questionnaires'),
    StoreRegion: modelOn(db, 'CareStoreRegion', storeRegion, 'store_regions'),
  };
}

export type CareModels = ReturnType<typeof careModels>;
