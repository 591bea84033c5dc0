import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, build } from '@zhongtai/subgraph-kit';
import { type MergeProposalDoc, PROPOSAL_STATUSES, type ProposalStatus } from '../domain/records.js';

export const ProposalStatusEnum = Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, s])) as {
  [K in ProposalStatus]: K;
};
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
    return build(MergeProposal, {
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
