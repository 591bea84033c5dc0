import { type RequestContext, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { SurveyDoc } from '../domain/records.js';
import type { SurveyRepository } from '../store/survey-repository.js';

/** A member's surveys (R-CS-1), batched per request. Who may read them: `Member.surveys` in policy.ts. */
export class SurveyReads {
  constructor(private readonly repo: SurveyRepository) {}

  /** A member's surveys, latest scheduled first; those of every member a request names in one query. */
  async ofMember(ctx: RequestContext, memberId: string): Promise<SurveyDoc[]> {
    return loader<string, SurveyDoc[]>(ctx, 'cs:surveys', async (ids) =>
      groupByKeys(ids, await this.repo.surveysOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
  }

  /** A member's questionnaires (fan operations), newest first, batched like its surveys. */
  async questionnairesOf(ctx: RequestContext, memberId: string): Promise<SurveyDoc[]> {
    return loader<string, SurveyDoc[]>(ctx, 'cs:questionnaires', async (ids) =>
      groupByKeys(ids, await this.repo.questionnairesOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
  }

  /** One survey of the caller's tenant (the policy of submitSurveyAnswer reads whose it is). */
  async get(ctx: RequestContext, id: string): Promise<SurveyDoc | null> {
    return loader<string, SurveyDoc | null>(ctx, 'cs:survey', (ids) =>
      Promise.all(
        ids.map(async (i) => {
          const s = await this.repo.get(i);
          return s?.tenant === ctx.tenant ? s : null;
        }),
      ),
    ).load(id);
  }
}
