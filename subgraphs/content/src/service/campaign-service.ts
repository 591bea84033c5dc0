import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { CampaignDoc } from '../domain/records.js';
import type { ContentRepository } from '../store/content-repository.js';

/** Campaigns and their funnels (R-CT-3). Who may read them: `Query.campaign` in policy.ts. */
export class CampaignService {
  constructor(private readonly repo: ContentRepository) {}

  /** The campaign with this id in the caller's tenant, or null. */
  async byId(ctx: RequestContext, id: string): Promise<CampaignDoc | null> {
    return this.repo.campaign(ctx.tenant, id);
  }
}
