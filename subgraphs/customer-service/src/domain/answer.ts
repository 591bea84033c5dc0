import { badInput, conflict } from '@zhongtai/contracts';
import type { SurveyDoc } from './records.js';

export interface Answer {
  score: number;
  comment: string | null;
}

/** A comment as it is kept: trimmed, at most 500 characters, null when empty. */
export function cleanAnswer(input: { score: number; comment?: string | null }): Answer {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
    throw badInput('score is 1 (very unhappy) .. 5 (very happy)', { field: 'score' });
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 500)
    throw badInput('a comment is at most 500 characters', { field: 'comment' });
  return { score: input.score, comment };
}

/**
 * Whether a survey takes this answer now: 'new' (SENT and not expired), 'replay' (the same answer
 * again: answered as before), otherwise a typed error and nothing changes. A survey that was never
 * sent (SCHEDULED, CANCELLED) or has expired cannot be answered; a second, different answer is a
 * CONFLICT.
 */
export function answerable(s: SurveyDoc, a: Answer, now: Date): 'new' | 'replay' {
  if (s.status === 'ANSWERED') {
    if (s.score === a.score && (s.comment ?? null) === a.comment) return 'replay';
    throw conflict('This survey was already answered');
  }
  if (s.status === 'EXPIRED' || (s.status === 'SENT' && s.expiresAt && now >= new Date(s.expiresAt)))
    throw badInput('This survey has expired', { field: 'surveyId' });
  if (s.status !== 'SENT') throw badInput('This survey has not been sent yet', { field: 'surveyId' });
  return 'new';
}
