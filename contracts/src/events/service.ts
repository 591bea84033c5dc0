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

/**
 * A complaint ticket missed its SLA (R-CS-5) and goes up a level: the store manager first, HQ
 * later. One event per ticket and level (its id says both), so a redelivery escalates once.
 */
export const TicketEscalated = defineEvent(
  'ticket.escalated',
  1,
  z.object({
    ticketId: Id,
    memberId: Id,
    storeId: Id.optional(),
    level: z.enum(['STORE_MANAGER', 'HQ']),
    dueAt: IsoDate,
    subject: z.string(),
  }),
);

/** A ticket was opened (from a survey answer, a channel or staff): stores and HQ dashboards follow it. */
export const TicketOpened = defineEvent(
  'ticket.opened',
  1,
  z.object({
    ticketId: Id,
    memberId: Id,
    storeId: Id.optional(),
    orderId: Id.optional(),
    source: z.enum(['SURVEY', 'CHANNEL', 'STAFF']),
    subject: z.string(),
    dueAt: IsoDate,
  }),
);
