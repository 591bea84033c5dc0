import { badInput } from '@zhongtai/contracts';
import { satisfaction } from './survey-tags.js';

export interface QuestionnaireInput {
  id: string;
  title: string;
  segmentId: string;
  category: string;
  questions: string[];
}

/** A questionnaire as HQ sends it: an id of 1..64 letters, digits, `-` or `_`, a title, 1..10 questions. */
export function checkQuestionnaire(q: QuestionnaireInput): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(q.id))
    throw badInput('id is 1..64 letters, digits, - or _', { field: 'id' });
  if (!q.title?.trim() || q.title.length > 100)
    throw badInput('title is 1..100 characters', { field: 'title' });
  if (!q.segmentId?.trim()) throw badInput('segmentId is required', { field: 'segmentId' });
  if (!q.category?.trim() || q.category.length > 32)
    throw badInput('category is 1..32 characters', { field: 'category' });
  if (
    q.questions.length < 1 ||
    q.questions.length > 10 ||
    q.questions.some((x) => !x.trim() || x.length > 200)
  )
    throw badInput('a questionnaire has 1..10 questions of 1..200 characters', { field: 'questions' });
}

export interface StoreSummary {
  storeId: string | null;
  sent: number;
  answered: number;
  satisfied: number;
  unsatisfied: number;
  /** mean score of the answers, null without any */
  averageScore: number | null;
  /** the tags the answers gave most, most first (at most 5) */
  topTags: string[];
}

/** Per-store feedback of a questionnaire (for each store and for HQ): the stores in id order, no store last. */
export function summarize(
  answers: Array<{ storeId: string | null; status: string; score: number | null; tags: string[] }>,
): StoreSummary[] {
  const by = new Map<string | null, typeof answers>();
  for (const a of answers) by.set(a.storeId, [...(by.get(a.storeId) ?? []), a]);
  return [...by.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([storeId, list]) => {
      const scored = list.filter((a) => a.status === 'ANSWERED' && a.score != null);
      const counts = new Map<string, number>();
      for (const a of scored) for (const t of a.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      return {
        storeId,
        sent: list.filter((a) => a.status !== 'SCHEDULED' && a.status !== 'CANCELLED').length,
        answered: scored.length,
        satisfied: scored.filter((a) => satisfaction(a.score!) === 'SATISFIED').length,
        unsatisfied: scored.filter((a) => satisfaction(a.score!) === 'UNSATISFIED').length,
        averageScore: scored.length
          ? Math.round((scored.reduce((n, a) => n + a.score!, 0) / scored.length) * 100) / 100
          : null,
        topTags: [...counts.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 5)
          .map(([t]) => t),
      };
    });
}
