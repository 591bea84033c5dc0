import { type RequestContext, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { SurveyDoc } from '../domain/records.js';
import type { CareRepository } from '../store/care-repository.js';

/** Post-purchase surveys (R-CS-1). Who may read a member's surveys: `Member.surveys` in policy.ts. */
export class SurveyService {
  constructor(private readonly repo: CareRepository) {}

  /** A member's surveys, latest scheduled first; those of every member a request names in one query. */
  async ofMember(ctx: RequestContext, memberId: string): Promise<SurveyDoc[]> {
    return loader<string, SurveyDoc[]>(ctx, 'cs:surveys', async (ids) =>
      groupByKeys(ids, await this.repo.surveysOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
  }
}
