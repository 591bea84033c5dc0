import { SurveyAnswered, notFound } from '@zhongtai/contracts';
import { type Clock, type Outbox, makeEvent } from '@zhongtai/subgraph-kit';
import { answerable, cleanAnswer } from '../domain/answer.js';
import type { FollowUpRecord, SurveyDoc, TicketDoc } from '../domain/records.js';
import { satisfaction, tagsFor } from '../domain/survey-tags.js';
import type { SurveyRepository } from '../store/survey-repository.js';
import type { CatalogueService } from './catalogue-service.js';
import type { FollowUps } from './follow-ups.js';

export interface SurveyOutcome {
  survey: SurveyDoc;
  tags: string[];
  followUp: FollowUpRecord;
  /** the ticket this call opened, when it did (otherwise read by `followUp.ticketId`) */
  ticket?: TicketDoc;
}

/**
 * `submitSurveyAnswer` (R-CS-2..4): the answer and its tags are recorded with `survey.answered` in
 * one update (the member center adds the tags with source SURVEY from it), and followed up in the
 * same request: a satisfied answer's recommendations only read, so they are found first and written
 * with the answer; an unhappy one's ticket and messages come after it (each idempotent by the
 * survey's id). The same answer again is answered as before; another one is a CONFLICT.
 */
export class AnswerService {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly catalogue: CatalogueService,
    private readonly followUps: FollowUps,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** `read`: the survey as this request read it (the policy read it first: one query for both) */
  async submit(
    tenant: string,
    input: { surveyId: string; score: number; comment?: string | null },
    read: (id: string) => Promise<SurveyDoc | null> = (id) => this.surveys.get(id),
  ): Promise<SurveyOutcome> {
    const answer = cleanAnswer(input);
    let s = await read(input.surveyId);
    if (!s || s.tenant !== tenant) throw notFound('No such survey');
    const now = this.clock.now();
    if (answerable(s, answer, now) === 'new') {
      const template = await this.catalogue.template(tenant, s.category);
      const tags = tagsFor(answer, template ?? { category: s.category, keywordTags: [] });
      const event = makeEvent(SurveyAnswered, {
        id: `survey.answered:${s._id}`,
        tenant,
        key: s.memberId,
        producer: 'customer-service',
        clock: this.clock,
        payload: {
          surveyId: s._id,
          memberId: s.memberId,
          orderId: s.orderId ?? `campaign:${s.campaignId}`,
          ...(s.storeId ? { storeId: s.storeId } : {}),
          score: answer.score,
          tags,
          answeredAt: now.toISOString(),
        },
      });
      // reads only (a failure leaves it to `finish`, like an unhappy answer's follow-up)
      const early =
        satisfaction(answer.score) === 'UNSATISFIED'
          ? null
          : ((await this.followUps.of({ ...s, score: answer.score }).catch(() => null))?.record ?? null);
      const written = await this.surveys.answer(
        s._id,
        { ...answer, tags, at: now, retryAt: new Date(now.getTime() + 30_000), followUp: early },
        [event],
      );
      if (written) await this.surveys.emit(this.outbox, s._id, [event]);
      // another answer won the race: the same one is a replay, another a CONFLICT
      s = written ?? (await this.surveys.get(s._id))!;
      if (!written) answerable(s, answer, now);
    }
    return this.finish(s);
  }

  /** The follow-up of an answered survey: done now if it is not yet (a retry, the scheduler). */
  async finish(s: SurveyDoc): Promise<SurveyOutcome> {
    if (s.followUp) return { survey: s, tags: s.tags, followUp: s.followUp };
    const done = await this.followUps.of(s);
    const survey = (await this.surveys.recordFollowUp(s._id, done.record))!;
    // a racing call may have recorded its own first: the ticket is the same (one per survey)
    const ticket = done.ticket && survey.followUp!.ticketId === done.ticket._id ? done.ticket : undefined;
    return { survey, tags: survey.tags, followUp: survey.followUp!, ...(ticket ? { ticket } : {}) };
  }
}
