import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { ProposalStatus } from '../domain/records.js';
import type { ProposalService } from '../service/proposal-service.js';
import { MergeProposal, ProposalStatusEnum } from './proposal.type.js';

@Resolver(() => MergeProposal)
export class ProposalResolver {
  constructor(private readonly proposals: ProposalService) {}

  @Query(() => [MergeProposal], { description: 'HQ and SYSTEM: merge proposals, newest first.' })
  async mergeProposals(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => ProposalStatusEnum, { defaultValue: 'OPEN' }) status: ProposalStatus,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<MergeProposal[]> {
    return (await this.proposals.list(ctx, status, first)).map(MergeProposal.from);
  }

  @Mutation(() => MergeProposal, { description: 'HQ: merges the two members (reversible with undoMerge).' })
  async acceptMergeProposal(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MergeProposal> {
    return MergeProposal.from(await this.proposals.accept(ctx, id));
  }

  @Mutation(() => MergeProposal, { description: 'HQ: keeps the two members apart.' })
  async dismissMergeProposal(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MergeProposal> {
    return MergeProposal.from(await this.proposals.dismiss(ctx, id));
  }
}
