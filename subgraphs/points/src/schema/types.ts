import { Field, Int, ObjectType } from 'type-graphql';
import { entityRef } from '@zhongtai/subgraph-kit';

export const Member = entityRef('Member');
export type Member = InstanceType<typeof Member>;

@ObjectType('PointsAccount')
export class PointsAccount {
  @Field(() => Int)
  balance!: number;

  @Field(() => Int, {
    description: "Points earned but not yet spendable (e.g. inside an order's return window).",
  })
  pending!: number;

  @Field(() => Int)
  lifetimeEarned!: number;

  memberId!: string;
}

@ObjectType('Tier')
export class Tier {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  rank!: number;
}

@ObjectType('Growth')
export class Growth {
  @Field(() => Int)
  value!: number;

  @Field(() => Tier)
  tier!: Tier;

  @Field(() => Tier, { nullable: true })
  nextTier!: Tier | null;

  @Field(() => Int, { nullable: true })
  pointsToNextTier!: number | null;
}
