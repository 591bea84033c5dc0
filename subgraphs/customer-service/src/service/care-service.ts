import { type RequestContext, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { SurveyDoc, TicketDoc } from '../store/models.js';
import type { CareRepository } from '../store/care-repository.js';

export class CareService {
  constructor(private readonly repo: CareRepository) {}

  private mayRead(ctx: RequestContext, memberId: string): boolean {
    return ctx.claims.role !== 'MEMBER' || ctx.claims.memberId === memberId;
  }

  async tickets(ctx: RequestContext, memberId: string): Promise<TicketDoc[]> {
    if (!this.mayRead(ctx, memberId)) return [];
    return loader<string, TicketDoc[]>(ctx, 'cs:tickets', async (ids) =>
      groupByKeys(ids, await this.repo.ticketsOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
  }

  async surveys(ctx: RequestContext, memberId: string): Promise<SurveyDoc[]> {
    if (!this.mayRead(ctx, memberId)) return [];
    return loader<string, SurveyDoc[]>(ctx, 'cs:surveys', async (ids) =>
      groupByKeys(ids, await this.repo.surveysOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
  }
}
