import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, PageInfo, build } from '@zhongtai/subgraph-kit';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../domain/lifecycle.js';
import type { Profile } from '../domain/profile.js';
import {
  type ConsentDoc,
  type IdentityDoc,
  type MemberDoc,
  type MergeDoc,
  TAG_SOURCES,
  type TagDoc,
  type TagSource,
} from '../domain/records.js';
import { QUADRANTS, type Quadrant } from '../domain/relationship.js';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const LifecycleStageEnum = enumOf(LIFECYCLE_STAGES);
registerEnumType(LifecycleStageEnum, { name: 'LifecycleStage' });
export const TagSourceEnum = enumOf(TAG_SOURCES);
registerEnumType(TagSourceEnum, { name: 'TagSource' });
export const QuadrantEnum = enumOf(QUADRANTS);
registerEnumType(QuadrantEnum, { name: 'RelationshipQuadrant' });

@ObjectType('ChannelIdentity')
export class ChannelIdentity {
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String) externalId!: string;
  @Field(() => DateTimeScalar) linkedAt!: Date;

  static from(d: IdentityDoc): ChannelIdentity {
    return build(ChannelIdentity, { channel: d.channel, externalId: d.externalId, linkedAt: d.linkedAt });
  }
}

@ObjectType('MemberTag')
export class MemberTag {
  @Field(() => String) name!: string;
  @Field(() => TagSourceEnum) source!: TagSource;
  @Field(() => DateTimeScalar) addedAt!: Date;

  static from(t: TagDoc): MemberTag {
    return build(MemberTag, { name: t.name, source: t.source, addedAt: t.addedAt });
  }
}

@ObjectType('Relationship', {
  description: 'Consumption value x relationship activity (DOMAIN R-AN-1). Scores are 0..100.',
})
export class Relationship {
  @Field(() => Int) valueScore!: number;
  @Field(() => Int) activityScore!: number;
  @Field(() => QuadrantEnum) quadrant!: Quadrant;

  static from(p: Pick<Profile, 'valueScore' | 'activityScore' | 'quadrant'>): Relationship {
    return build(Relationship, {
      valueScore: p.valueScore,
      activityScore: p.activityScore,
      quadrant: p.quadrant,
    });
  }
}

@ObjectType('ChannelConsent', { description: "A member's consent to marketing on one channel." })
export class ChannelConsent {
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => Boolean) granted!: boolean;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => String, { description: 'who recorded it (the member, a clerk, an import)' }) source!: string;

  static from(c: ConsentDoc): ChannelConsent {
    return build(ChannelConsent, {
      channel: c.channel,
      granted: c.granted,
      updatedAt: c.updatedAt,
      source: c.source,
    });
  }
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
    return build(Member, {
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

  static from(doc: MergeDoc, survivor: Member): MemberMerge {
    return build(MemberMerge, {
      id: doc._id,
      survivor,
      mergedMemberId: doc.mergedId,
      mergedAt: doc.mergedAt,
      undoneAt: doc.undoneAt ?? null,
      reason: doc.reason,
      mergedBy: doc.by,
    });
  }
}

@ObjectType('MemberConnection')
export class MemberConnection {
  @Field(() => [Member]) nodes!: Member[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;

  static from(page: {
    nodes: Member[];
    total: number;
    hasNextPage: boolean;
    endCursor: string | null;
  }): MemberConnection {
    return build(MemberConnection, {
      nodes: page.nodes,
      totalCount: page.total,
      pageInfo: build(PageInfo, { hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    });
  }
}

@ObjectType('QuadrantCount')
export class QuadrantCount {
  @Field(() => QuadrantEnum) quadrant!: Quadrant;
  @Field(() => Int) count!: number;

  static from(c: { quadrant: Quadrant; count: number }): QuadrantCount {
    return build(QuadrantCount, { quadrant: c.quadrant, count: c.count });
  }
}

@ObjectType('RelationshipMatrix', {
  description: 'Members per quadrant, for a store, a region or the tenant.',
})
export class RelationshipMatrix {
  @Field(() => Int) total!: number;
  @Field(() => [QuadrantCount]) cells!: QuadrantCount[];

  static from(m: { total: number; cells: Array<{ quadrant: Quadrant; count: number }> }): RelationshipMatrix {
    return build(RelationshipMatrix, { total: m.total, cells: m.cells.map(QuadrantCount.from) });
  }
}

@ObjectType('StageCount')
export class StageCount {
  @Field(() => LifecycleStageEnum) stage!: LifecycleStage;
  @Field(() => Int) count!: number;

  static from(s: { stage: LifecycleStage; count: number }): StageCount {
    return build(StageCount, { stage: s.stage, count: s.count });
  }
}

@ObjectType('LifecycleFunnel', {
  description: 'Members per lifecycle stage (identified → first purchase → repeat → fan, with churn risk).',
})
export class LifecycleFunnel {
  @Field(() => Int) total!: number;
  @Field(() => [StageCount]) stages!: StageCount[];

  static from(f: {
    total: number;
    stages: Array<{ stage: LifecycleStage; count: number }>;
  }): LifecycleFunnel {
    return build(LifecycleFunnel, { total: f.total, stages: f.stages.map(StageCount.from) });
  }
}
