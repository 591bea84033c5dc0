import { badInput, conflict, notFound } from '@zhongtai/contracts';
import type { Clock } from '@zhongtai/subgraph-kit';
import {
  type QuestionnaireInput,
  type StoreSummary,
  checkQuestionnaire,
  summarize,
} from '../domain/questionnaire.js';
import { type QuestionnaireDoc, type SurveyDoc, key, scheduledSurvey } from '../domain/records.js';
import type { CatalogueRepository } from '../store/catalogue-repository.js';
import type { SurveyRepository } from '../store/survey-repository.js';
import type { Platform } from './platform.js';

/** the most members one questionnaire goes to */
export const MAX_QUESTIONNAIRE_MEMBERS = 5_000;

/**
 * Fan operations (R-CS-6): HQ sends a questionnaire to a segment of loyal members; each member gets
 * a survey (`demo|fan:<id>:<memberId>`), sent by the scheduler like any other (consent, quiet hours)
 * and answered with `submitSurveyAnswer` (tags, and a ticket with the store told when unhappy); the
 * answers are summarized per store for HQ and for each store. Sending again with the same body
 * changes nothing (members added to the segment since get theirs); another body is a CONFLICT.
 */
export class FanService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly surveys: SurveyRepository,
    private readonly platform: Platform,
    private readonly clock: Clock,
  ) {}

  async send(tenant: string, input: QuestionnaireInput): Promise<QuestionnaireDoc> {
    checkQuestionnaire(input);
    const requestHash = JSON.stringify([input.title, input.segmentId, input.category, input.questions]);
    const existing = await this.catalogue.questionnaire(tenant, input.id);
    if (existing && existing.requestHash !== requestHash)
      throw conflict('This questionnaire id was used with a different questionnaire');
    const members = await this.platform.segmentMembers(
      tenant,
      input.segmentId,
      MAX_QUESTIONNAIRE_MEMBERS + 1,
    );
    if (!members) throw notFound('No such segment');
    if (members.length > MAX_QUESTIONNAIRE_MEMBERS)
      throw badInput(`a questionnaire goes to at most ${MAX_QUESTIONNAIRE_MEMBERS} members`, {
        field: 'segmentId',
      });
    const now = this.clock.now();
    for (const m of members) await this.surveys.insert(this.surveyOf(tenant, input, m, now));
    const doc: QuestionnaireDoc = {
      _id: key(tenant, input.id),
      tenant,
      questionnaireId: input.id,
      title: input.title.trim(),
      segmentId: input.segmentId,
      category: input.category.trim(),
      questions: input.questions.map((q) => q.trim()),
      requestHash,
      members: Math.max(existing?.members ?? 0, members.length),
      createdAt: existing?.createdAt ?? now,
    };
    await this.catalogue.saveQuestionnaire(doc);
    return doc;
  }

  private surveyOf(
    tenant: string,
    q: QuestionnaireInput,
    m: { id: string; storeId: string | null },
    now: Date,
  ): SurveyDoc {
    return scheduledSurvey(
      {
        _id: key(tenant, `fan:${q.id}:${m.id}`),
        tenant,
        memberId: m.id,
        orderId: null,
        storeId: m.storeId,
        attributedTo: null,
        campaignId: q.id,
        category: q.category.trim(),
      },
      now,
    );
  }

  async summary(
    tenant: string,
    id: string,
    storeId?: string | null,
  ): Promise<{ questionnaire: QuestionnaireDoc; stores: StoreSummary[] } | null> {
    const questionnaire = await this.catalogue.questionnaire(tenant, id);
    if (!questionnaire) return null;
    const answers = await this.surveys.ofCampaign(tenant, id, storeId ?? undefined);
    return { questionnaire, stores: summarize(answers) };
  }

  questionnairesOf(tenant: string, memberIds: readonly string[]): Promise<SurveyDoc[]> {
    return this.surveys.questionnairesOf(tenant, memberIds);
  }
}
