import { z } from 'zod';
import { defineEvent } from './envelope.js';
import { Id, IsoDate } from './common.js';

/** A post-purchase survey was answered; `tags` are what the answer says about the member. */
export const SurveyAnswered = defineEvent(
  'survey.answered',
  1,
  z.object({
    surveyId: Id,
    memberId: Id,
    orderId: Id,
    storeId: Id.optional(),
    score: z.number().int().min(1).max(5),
    tags: z.array(z.string().min(1).max(64)),
    answeredAt: IsoDate,
  }),
);
