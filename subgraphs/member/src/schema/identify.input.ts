import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { build } from '@zhongtai/subgraph-kit';
import type { MemberDoc } from '../domain/records.js';
import { Member } from './member.type.js';

export { IdentifyMemberInput } from '@zhongtai/subgraph-kit';

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

@ObjectType('IdentifiedMember', { description: 'One answer of identifyMembers, in the order asked.' })
export class IdentifiedMember {
  @Field(() => ID, { nullable: true, description: 'The member; null when this one was refused.' })
  memberId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why it was refused (an error code, e.g. BAD_USER_INPUT).',
  })
  code!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
}
