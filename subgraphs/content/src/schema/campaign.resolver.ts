import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { CampaignService } from '../service/campaign-service.js';
import { Campaign } from './types.js';

@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(private readonly campaigns: CampaignService) {}

  @Query(() => Campaign, { nullable: true })
  async campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Campaign | null> {
    const doc = await this.campaigns.byId(ctx, id);
    return doc && Campaign.from(doc);
  }
}
