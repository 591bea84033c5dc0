import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { type Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar } from '@zhongtai/subgraph-kit';
import type { MemberDoc } from '../store/models.js';

@ObjectType('ChannelIdentity')
export class ChannelIdentity {
  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => String)
  externalId!: string;

  @Field(() => DateTimeScalar)
  linkedAt!: Date;
}

/** A customer across every channel. PII fields are masked by resolvers according to the caller. */
@Directive('@key(fields: "id")')
@ObjectType('Member')
export class Member {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Masked (e.g. 138****5678) unless the caller's role may read PII for this member.",
  })
  phone?: string | null;

  @Field(() => DateTimeScalar)
  joinedAt!: Date;

  @Field(() => ChannelEnum)
  joinedChannel!: Channel;

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
