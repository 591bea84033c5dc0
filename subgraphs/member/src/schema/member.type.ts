import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, PageInfo } from '@zhongtai/subgraph-kit';
import type { LifecycleStage } from '../domain/lifecycle.js';
import type { Quadrant } from '../domain/relationship.js';
import type { MemberDoc, TagSource } from '../store/models.js';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const LifecycleStageEnum = enumOf([
  'IDENTIFIED',
  'FIRST_PURCHASE',
  'REPEAT',
  'FAN',
  'AT_RISK',
  'CHURNED',
] as const);
registerEnumType(LifecycleStageEnum, { name: 'LifecycleStage' });
export const TagSourceEnum = enumOf(['MANUAL', 'RULE', 'SURVEY', 'CAMPAIGN', 'IMPORT'] as const);
registerEnumType(TagSourceEnum, { name: 'TagSource' });
export const QuadrantEnum = enumOf([
  'HIGH_VALUE_ACTIVE',
  'HIGH_VALUE_DISTANT',
  'LOW_VALUE_ACTIVE',
  'LOW_VALUE_DISTANT',
] as const);
registerEnumType(QuadrantEnum, { name: 'RelationshipQuadrant' });

@ObjectType('ChannelIdentity')
export class ChannelIdentity {
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String) externalId!: string;
  @Field(() => DateTimeScalar) linkedAt!: Date;
}

@ObjectType('MemberTag')
export class MemberTag {
  @Field(() => String) name!: string;
  @Field(() => TagSourceEnum) source!: TagSource;
  @Field(() => DateTimeScalar) addedAt!: Date;
}

@ObjectType('Relationship', {
  description: 'Consumption value x relationship activity (DOMAIN R-AN-1). Scores are 0..100.',
})
export class Relationship {
  @Field(() => Int) valueScore!: number;
  @Field(() => Int) activityScore!: number;
  @Field(() => QuadrantEnum) quadrant!: Quadrant;
}

@ObjectType('ChannelConsent', { description: "A member's consent to marketing on one channel." })
export class ChannelConsent {
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => Boolean) granted!: boolean;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => String, { description: 'who recorded it (the member, a clerk, an import)' }) source!: string;
}

/** A customer across every channel. PII fields are masked by resolvers according to the caller. */
@Directive('@key(fields: "id")')
@ObjectType('Member')
export class Member {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Masked (e.g. 138****5678) unless the caller's role may read PII for this member.",
  })
  phone?: string | null;
  @Field(() => DateTimeScalar) joinedAt!: Date;
  @Field(() => ChannelEnum) joinedChannel!: Channel;

  /** the stored document behind this object (not exposed) */
  doc!: MemberDoc;

  static from(doc: MemberDoc): Member {
    return Object.assign(new Member(), {
      id: doc._id,
      displayName: doc.displayName ?? null,
      phone: doc.phone ?? null,
      joinedAt: doc.joinedAt,
      joinedChannel: doc.joinedChannel,
      doc,
    });
  }
}

@ObjectType('MemberMerge')
export class MemberMerge {
  @Field(() => ID) id!: string;
  @Field(() => Member) survivor!: Member;
  @Field(() => ID) mergedMemberId!: string;
  @Field(() => DateTimeScalar) mergedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) undoneAt!: Date | null;
  @Field(() => String, {
    description: 'why: an operator reason, or the automatic link by a shared verified phone',
  })
  reason!: string;
  @Field(() => String, { description: '"auto" or the role of the caller who merged' }) mergedBy!: string;
}

@ObjectType('MemberConnection')
export class MemberConnection {
  @Field(() => [Member]) nodes!: Member[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('QuadrantCount')
export class QuadrantCount {
  @Field(() => QuadrantEnum) quadrant!: Quadrant;
  @Field(() => Int) count!: number;
}

@ObjectType('RelationshipMatrix', {
  description: 'Members per quadrant, for a store, a region or the tenant.',
})
export class RelationshipMatrix {
  @Field(() => Int) total!: number;
  @Field(() => [QuadrantCount]) cells!: QuadrantCount[];
}

@ObjectType('StageCount')
export class StageCount {
  @Field(() => LifecycleStageEnum) stage!: LifecycleStage;
  @Field(() => Int) count!: number;
}

@ObjectType('LifecycleFunnel', {
  description: 'Members per lifecycle stage (identified → first purchase → repeat → fan, with churn risk).',
})
export class LifecycleFunnel {
  @Field(() => Int) total!: number;
  @Field(() => [StageCount]) stages!: StageCount[];
}
