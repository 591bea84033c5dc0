import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChannelEnum, DateTimeScalar, Money, PageInfo, entityRef } from '@zhongtai/subgraph-kit';
import type { EntryKind } from '../domain/ledger.js';
import type { EntryDoc } from '../store/models.js';

export const Member = entityRef('Member');
export type Member = InstanceType<typeof Member>;

export const PointsEntryKindEnum = {
  EARN: 'EARN',
  REDEEM: 'REDEEM',
  EXPIRE: 'EXPIRE',
  REVERSE: 'REVERSE',
  ADJUST: 'ADJUST',
  MERGE: 'MERGE',
  RELEASE: 'RELEASE',
  REVIEW: 'REVIEW',
} as const;
registerEnumType(PointsEntryKindEnum, {
  name: 'PointsEntryKind',
  valuesConfig: {
    RELEASE: { description: 'pending points became spendable after the return window' },
    REVIEW: { description: 'the periodic tier review (no points change)' },
  },
});

@ObjectType('PointsEntry')
export class PointsEntry {
  @Field(() => ID) id!: string;
  @Field(() => PointsEntryKindEnum) kind!: EntryKind;
  @Field(() => Int, { description: 'Signed change to the spendable balance.' }) delta!: number;
  @Field(() => Int, { description: 'Signed change to the pending points.' }) pendingDelta!: number;
  @Field(() => Int, { description: 'The spendable balance after this entry.' }) balanceAfter!: number;
  @Field(() => String) source!: string;
  @Field(() => String) sourceRef!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The earning rule that produced this entry, if any, and a human explanation.',
  })
  ruleId!: string | null;
  @Field(() => [String], { description: 'Every rule that fired (base rate, multipliers, caps).' })
  ruleIds!: string[];
  @Field(() => String, { nullable: true }) explanation!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt!: Date | null;

  static from(e: EntryDoc): PointsEntry {
    const rules = e.ruleIds ?? [];
    return Object.assign(new PointsEntry(), {
      id: e._id.split('|').slice(1).join(':'),
      kind: e.kind,
      delta: e.delta,
      pendingDelta: e.pendingDelta,
      balanceAfter: e.account.balance,
      source: e.source,
      sourceRef: e.sourceRef,
      ruleId: rules.find((r) => r !== 'base') ?? rules[0] ?? null,
      ruleIds: rules,
      explanation: e.explanation,
      createdAt: e.createdAt,
      expiresAt: e.expiresAt ?? null,
    });
  }
}

@ObjectType('PointsEntryConnection')
export class PointsEntryConnection {
  @Field(() => [PointsEntry]) nodes!: PointsEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('PointsAccount')
export class PointsAccount {
  @Field(() => Int) balance!: number;
  @Field(() => Int, {
    description: "Points earned but not yet spendable (e.g. inside an order's return window).",
  })
  pending!: number;
  @Field(() => Int) lifetimeEarned!: number;
  @Field(() => Int, {
    description: 'Points owed after a refund found too little to take back; repaid from the next earnings.',
  })
  debt!: number;
  memberId!: string;
}

@ObjectType('Tier')
export class Tier {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) rank!: number;
}

@ObjectType('PlusMembership', { description: 'The paid Plus membership: a fee for a period.' })
export class PlusMembership {
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar) endsAt!: Date;
  @Field(() => Money) fee!: Money;
  @Field(() => Boolean) active!: boolean;
}

@ObjectType('Growth')
export class Growth {
  @Field(() => Int, { description: 'Growth value counted for the tier in the current review period.' })
  value!: number;
  @Field(() => Int, { description: 'Growth value since joining.' }) lifetimeValue!: number;
  @Field(() => Tier) tier!: Tier;
  @Field(() => Tier, { nullable: true }) nextTier!: Tier | null;
  @Field(() => Int, { nullable: true }) pointsToNextTier!: number | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the tier is next reviewed (downgrades happen only then).',
  })
  reviewAt!: Date | null;
  @Field(() => PlusMembership, { nullable: true }) plus!: PlusMembership | null;
}

@InputType('EarnPointsInput')
export class EarnPointsInput {
  @Field(() => ID) memberId!: string;
  @Field(() => Int) points!: number;
  @Field(() => String) source!: string;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType('RedeemPointsInput')
export class RedeemPointsInput {
  @Field(() => ID) memberId!: string;
  @Field(() => Int) points!: number;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType('AdjustPointsInput')
export class AdjustPointsInput {
  @Field(() => ID) memberId!: string;
  @Field(() => Int, { description: 'positive adds, negative takes away' }) points!: number;
  @Field(() => String) reason!: string;
  @Field(() => String) idempotencyKey!: string;
}

@InputType('OpeningBalanceInput')
export class OpeningBalanceInput {
  @Field(() => ID) memberId!: string;
  @Field(() => Int) points!: number;
  @Field(() => String, { description: 'the legacy system, e.g. crm or erp' }) source!: string;
  @Field(() => String, { description: "the member's id in that system" }) legacyRef!: string;
  @Field(() => DateTimeScalar) asOf!: Date;
}

@InputType('PurchasePlusInput')
export class PurchasePlusInput {
  @Field(() => ID) memberId!: string;
  @Field(() => Int) months!: number;
  @Field(() => Int, { description: 'fee paid, in fen' }) fee!: number;
  @Field(() => String, { defaultValue: 'CNY' }) currency!: string;
  @Field(() => String) idempotencyKey!: string;
}

@InputType('MultiplierInput')
export class MultiplierInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Float) factor!: number;
  @Field(() => [ChannelEnum], { nullable: true }) channels?: string[] | null;
  @Field(() => [String], { nullable: true }) categories?: string[] | null;
  @Field(() => [String], { nullable: true }) tiers?: string[] | null;
  @Field(() => Boolean, { nullable: true }) plusOnly?: boolean | null;
  @Field(() => [Int], { nullable: true }) daysOfMonth?: number[] | null;
  @Field(() => DateTimeScalar, { nullable: true }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) to?: Date | null;
}

@InputType('EarningRulesInput')
export class EarningRulesInput {
  @Field(() => Float) pointsPerYuan!: number;
  @Field(() => Float, { defaultValue: 1 }) growthPerYuan!: number;
  @Field(() => [MultiplierInput], { defaultValue: [] }) multipliers!: MultiplierInput[];
  @Field(() => Int, { nullable: true }) perOrderCap?: number | null;
  @Field(() => Int, { nullable: true }) perDayCap?: number | null;
  @Field(() => Int, { defaultValue: 7 }) returnWindowDays!: number;
  @Field(() => Int, { defaultValue: 2 }) expiryYearsAfter!: number;
}

@ObjectType('Multiplier')
export class MultiplierType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Float) factor!: number;
  @Field(() => [String], { nullable: true }) channels!: string[] | null;
  @Field(() => [String], { nullable: true }) categories!: string[] | null;
  @Field(() => [String], { nullable: true }) tiers!: string[] | null;
  @Field(() => Boolean, { nullable: true }) plusOnly!: boolean | null;
  @Field(() => [Int], { nullable: true }) daysOfMonth!: number[] | null;
  @Field(() => DateTimeScalar, { nullable: true }) from!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) to!: Date | null;
}

@ObjectType('EarningRules')
export class EarningRulesType {
  @Field(() => Float) pointsPerYuan!: number;
  @Field(() => Float) growthPerYuan!: number;
  @Field(() => [MultiplierType]) multipliers!: MultiplierType[];
  @Field(() => Int, { nullable: true }) perOrderCap!: number | null;
  @Field(() => Int, { nullable: true }) perDayCap!: number | null;
  @Field(() => Int) returnWindowDays!: number;
  @Field(() => Int) expiryYearsAfter!: number;
  @Field(() => [Tier]) tiers!: Tier[];
}

@ObjectType('AccountMismatch')
export class AccountMismatch {
  @Field(() => ID) memberId!: string;
  @Field(() => [String]) problems!: string[];
}

@ObjectType('PointsReconciliation', { description: 'snapshot == ledger, checked account by account' })
export class PointsReconciliation {
  @Field(() => Int) checked!: number;
  @Field(() => [AccountMismatch]) mismatches!: AccountMismatch[];
}

@InputType('LegacyBalanceInput')
export class LegacyBalanceInput {
  @Field(() => ID) memberId!: string;
  @Field(() => Int) balance!: number;
}

@ObjectType('PointsDrift')
export class PointsDrift {
  @Field(() => ID) memberId!: string;
  @Field(() => String) legacyRef!: string;
  @Field(() => Int) imported!: number;
  @Field(() => DateTimeScalar) importedAsOf!: Date;
  @Field(() => Int, { nullable: true }) legacyNow!: number | null;
  @Field(() => Int, { nullable: true, description: 'what the legacy system changed since the import' })
  drift!: number | null;
  @Field(() => Int) balance!: number;
}
