import { createHash } from 'node:crypto';
import type { Logger, ServiceCall } from '@zhongtai/subgraph-kit';
import { DEMO_TENANT, STORES } from '../seed/catalog.js';

const SUBMIT = 'mutation($i: SurveyAnswerInput!) { submitSurveyAnswer(input: $i) { followUp { kind } } }';
const PENDING = `query($s: ID!, $after: String) { store(id: $s) { members(first: 100, after: $after) {
  nodes { surveys(first: 20) { nodes { id status } } } pageInfo { hasNextPage endCursor } } } }`;

/** What the demo's members answer: four in ten answer, one in four of those unhappy. */
const ANSWERS = [
  { score: 5, comment: '很新鲜，下次还来' },
  { score: 4, comment: null },
  { score: 5, comment: '服务很好' },
  { score: 2, comment: '太甜了，而且排队很慢' },
];

type Page = {
  store: {
    members: {
      nodes: Array<{ surveys: { nodes: Array<{ id: string; status: string }> } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
};

/**
 * The demo brand's member app: the surveys waiting for the stores' members (sent by message or
 * waiting in the app) are answered by some of them, through the public API as the app's backend
 * (SYSTEM), the production way. Which ones, and how, follows from the survey id, so a restart
 * answers the same (a repeated answer is answered as before). Each call reads at most `pages` pages of
 * each store's members, from where the previous call stopped (`cursors`, wrapping around), so a store
 * with an imported history of tens of thousands of members costs a bounded amount per call. Returns how
 * many it answered.
 */
export async function answerDemoSurveys(
  call: ServiceCall,
  logger: Logger,
  cursors = new Map<string, string | null>(),
  pages = 3,
): Promise<number> {
  let answered = 0;
  for (const store of STORES) {
    let after: string | null = cursors.get(store.id) ?? null;
    for (let n = 0; n < pages; n++) {
      const page: Page = await call<Page>(DEMO_TENANT, PENDING, { s: store.id, after });
      for (const m of page.store?.members.nodes ?? [])
        for (const s of m.surveys.nodes) {
          if (s.status !== 'SENT') continue;
          const pick = createHash('sha256').update(s.id).digest()[0] % 10;
          if (pick >= ANSWERS.length) continue;
          try {
            await call(DEMO_TENANT, SUBMIT, { i: { surveyId: s.id, ...ANSWERS[pick] } });
            answered++;
          } catch (error) {
            logger.warn({ err: error, surveyId: s.id }, 'demo survey answer not taken');
          }
        }
      const info = page.store?.members.pageInfo;
      after = info?.hasNextPage ? info.endCursor : null;
      if (!after) break;
    }
    cursors.set(store.id, after);
  }
  return answered;
}
