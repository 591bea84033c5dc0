import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { type Channel } from '@zhongtai/contracts';
import { ChannelEnum, build } from '@zhongtai/subgraph-kit';
import type { MemberDoc } from '../domain/records.js';
import { Member } from './member.type.js';

@InputType('IdentifyMemberInput')
export class IdentifyMemberInput {
  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => String)
  externalId!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Store where the customer was met (QR scan, POS), if any.',
  })
  storeId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The clerk (导购) whose QR code the customer scanned, with the storeId it works at: a member created this way is the clerk's recruit (R-ID-4).",
  })
  recruitedBy?: string | null;

  @Field(() => [ChannelEnum], {
    nullable: true,
    description:
      'Channels the customer opted into as it was met (e.g. following the WeChat account: WECHAT). Recorded only where the member has made no choice on that channel yet (a recorded opt-out stands), before the member is announced, so a welcome can go out on them (R-ID-6).',
  })
  consents?: Channel[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The customer's birthday, YYYY-MM-DD or MM-DD (only month and day are kept): birthday campaigns. Recorded where the member has none.",
  })
  birthday?: string | null;
}

@ObjectType('IdentifyMemberPayload')
export class IdentifyMemberPayload {
  @Field(() => Member)
  member!: Member;

  @Field(() => Boolean, { description: 'True when this call created the member.' })
  created!: boolean;

  @Field(() => Boolean, {
    description: 'True when this call linked the identity to an existing member (e.g. same phone).',
  })
  linked!: boolean;

  static from(r: { member: MemberDoc; created: boolean; linked: boolean }): IdentifyMemberPayload {
    return build(IdentifyMemberPayload, {
      member: Member.from(r.member),
      created: r.created,
      linked: r.linked,
    });
  }
}

@InputType('UpsertStoreInput')
export class UpsertStoreInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  region!: string;
}
