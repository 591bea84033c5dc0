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

/**
 * A member interacted with a campaign or content (opened, clicked, shared, claimed an offer, scanned
 * a QR code in a store). The member center counts it as engagement and adds `tags` with source
 * CAMPAIGN. Produced by content and by adapters of engagement channels; the event id keys the
 * interaction, so a redelivery counts once.
 */
export const CampaignEngaged = defineEvent(
  'campaign.engaged',
  1,
  z.object({
    memberId: Id,
    campaignId: Id,
    interaction: z.enum(['VIEW', 'CLICK', 'SHARE', 'CLAIM', 'SCAN']),
    tags: z.array(z.string().min(1).max(64)).max(20).default([]),
    at: IsoDate,
  }),
);
