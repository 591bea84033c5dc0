import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { build } from '@zhongtai/subgraph-kit';
import type { SegmentDoc } from '../domain/records.js';
import type { Condition as DomainCondition, FactName, Op, Rule as DomainRule } from '../domain/rules.js';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RuleMatchEnum = enumOf(['ALL', 'ANY'] as const);
registerEnumType(RuleMatchEnum, { name: 'RuleMatch' });
export const ProfileFactEnum = enumOf([
  'orderCount',
  'totalSpent',
  'daysSinceLastPurchase',
  'daysSinceJoined',
  'tier',
  'lifecycleStage',
  'tag',
  'store',
  'joinedChannel',
  'satisfaction',
  'lastSatisfaction',
  'engagement',
  'valueScore',
  'activityScore',
  'quadrant',
] as const);
registerEnumType(ProfileFactEnum, {
  name: 'ProfileFact',
  description: 'What a segment or tag rule can test (totalSpent in fen; tag and store are sets).',
});
export const RuleOpEnum = enumOf([
  'EQ',
  'NEQ',
  'GT',
  'GTE',
  'LT',
  'LTE',
  'IN',
  'NOT_IN',
  'HAS',
  'NOT_HAS',
] as const);
registerEnumType(RuleOpEnum, { name: 'RuleOp' });

@InputType('ConditionInput')
export class ConditionInput {
  @Field(() => ProfileFactEnum) fact!: FactName;
  @Field(() => RuleOpEnum) op!: Op;
  @Field(() => String, { nullable: true }) value?: string | null;
  @Field(() => [String], { nullable: true }) values?: string[] | null;
}

@InputType('RuleInput')
export class RuleInput {
  @Field(() => RuleMatchEnum) match!: 'ALL' | 'ANY';
  @Field(() => [ConditionInput]) conditions!: ConditionInput[];
}

@ObjectType('Condition')
export class Condition {
  @Field(() => ProfileFactEnum) fact!: FactName;
  @Field(() => RuleOpEnum) op!: Op;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field(() => [String], { nullable: true }) values!: string[] | null;

  static from(c: DomainCondition): Condition {
    return build(Condition, { fact: c.fact, op: c.op, value: c.value ?? null, values: c.values ?? null });
  }
}

@ObjectType('Rule')
export class Rule {
  @Field(() => RuleMatchEnum) match!: 'ALL' | 'ANY';
  @Field(() => [Condition]) conditions!: Condition[];

  static from(rule: DomainRule): Rule {
    return build(Rule, { match: rule.match, conditions: rule.conditions.map(Condition.from) });
  }
}

@ObjectType('Segment', {
  description: 'Members matching a rule over their profile (R-CT-2), kept up to date as events arrive.',
})
export class Segment {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Rule) rule!: Rule;

  static from(d: SegmentDoc): Segment {
    return build(Segment, { id: d.segmentId, name: d.name, rule: Rule.from(d.rule) });
  }
}

@ObjectType('TagRule', { description: 'A tag the member center adds and removes by itself (source RULE).' })
export class TagRule {
  @Field(() => String) tag!: string;
  @Field(() => Rule) rule!: Rule;

  static from(r: { tag: string; rule: DomainRule }): TagRule {
    return build(TagRule, { tag: r.tag, rule: Rule.from(r.rule) });
  }
}

@InputType('SaveSegmentInput')
export class SaveSegmentInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => RuleInput) rule!: RuleInput;
}

@InputType('SaveTagRuleInput')
export class SaveTagRuleInput {
  @Field(() => String) tag!: string;
  @Field(() => RuleInput) rule!: RuleInput;
}

/** Plain rule data for the domain (type-graphql input instances carry no behaviour we need). */
export function ruleOf(input: RuleInput) {
  return {
    match: input.match,
    conditions: input.conditions.map((c) => ({
      fact: c.fact,
      op: c.op,
      value: c.value ?? null,
      values: c.values ?? null,
    })),
  };
}
