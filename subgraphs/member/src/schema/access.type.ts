import { Field, ID, ObjectType } from 'type-graphql';
import { type MemberScope, build } from '@zhongtai/subgraph-kit';
import { Store } from './store.type.js';

@ObjectType('MemberScope', {
  description: 'Who may see a member: the stores and regions it joined or bought at.',
})
export class MemberScopeType {
  @Field(() => ID) memberId!: string;
  @Field(() => ID, { description: 'The member this id resolves to now (itself unless merged).' })
  rootId!: string;
  @Field(() => [ID]) storeIds!: string[];
  @Field(() => [String]) regions!: string[];

  static from(s: MemberScope): MemberScopeType {
    return build(MemberScopeType, {
      memberId: s.memberId,
      rootId: s.rootId,
      storeIds: s.storeIds,
      regions: s.regions,
    });
  }
}

@ObjectType('AccessScopes')
export class AccessScopes {
  @Field(() => [MemberScopeType]) members!: MemberScopeType[];
  @Field(() => [Store]) stores!: Store[];

  static from(a: {
    members: MemberScope[];
    stores: Array<{ storeId: string; name: string; region: string }>;
  }): AccessScopes {
    return build(AccessScopes, {
      members: a.members.map(MemberScopeType.from),
      stores: a.stores.map(Store.from),
    });
  }
}
