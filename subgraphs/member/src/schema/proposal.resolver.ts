import {
  Arg,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import { DateTimeScalar, type RequestContext } from '@zhongtai/subgraph-kit';
import type { ProposalService } from '../service/proposal-service.js';
import type { MergeProposalDoc, ProposalStatus } from '../store/proposal-repository.js';

export const ProposalStatusEnum = { OPEN: 'OPEN', ACCEPTED: 'ACCEPTED', DISMISSED: 'DISMISSED' } as const;
registerEnumType(ProposalStatusEnum, { name: 'MergeProposalStatus' });

@ObjectType('MergeProposal', {
  description:
    'Two members a phone typed in by staff links: proposed for HQ review instead of merged automatically.',
})
export class MergeProposal {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The member that owns the phone (survives an accepted merge).' })
  survivorId!: string;
  @Field(() => ID) mergedId!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { description: 'role:subject of whoever typed the phone in' }) proposedBy!: string;
  @Field(() => ID, { nullable: true }) storeId!: string | null;
  @Field(() => ProposalStatusEnum) status!: ProposalStatus;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The merge an accepted proposal made (undoMerge undoes it).',
  })
  mergeId!: string | null;

  static from(d: MergeProposalDoc): MergeProposal {
    return Object.assign(new MergeProposal(), {
      id: d._id,
      survivorId: d.survivorId,
      mergedId: d.mergedId,
      reason: d.reason,
      proposedBy: d.proposedBy,
      storeId: d.storeId ?? null,
      status: d.status,
      createdAt: d.createdAt,
      decidedAt: d.decidedAt ?? null,
      decidedBy: d.decidedBy ?? null,
      mergeId: d.mergeId ?? null,
    });
  }
}

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
