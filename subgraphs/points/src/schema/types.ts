import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ChannelEnum,
  DateTimeScalar,
  Money,
  PageInfo,
  build,
  encodeCursor,
  entityRef,
} from '@zhongtai/subgraph-kit';
import type { EarningRules } from '../domain/earning.js';
import type { EntryKind } from '../domain/ledger.js';
import type { PlusPeriod } from '../domain/plus.js';
import type { AccountDoc, EntryDoc } from '../domain/records.js';
import { type TierRule, sortTiers, tierByCode } from '../domain/tiers.js';
import type { Drift } from '../service/openings.js';
import type { Reconciliation } from '../service/reconciliation.js';

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
    return build(PointsEntry, {
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

  /** `entries`: one more than `first` when there are more (the store reads one ahead) */
  static from(entries: EntryDoc[], first: number, total: number): PointsEntryConnection {
    const page = entries.slice(0, first);
    return build(PointsEntryConnection, {
      nodes: page.map(PointsEntry.from),
      totalCount: total,
      pageInfo: {
        hasNextPage: entries.length > first,
        endCursor: page.length ? encodeCursor(page[page.length - 1].seq) : null,
      },
    });
  }
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

  /** a member without an account yet has an empty one */
  static from(memberId: string, a: AccountDoc | null | undefined): PointsAccount {
    return build(PointsAccount, {
      balance: a?.balance ?? 0,
      pending: a?.pending ?? 0,
      lifetimeEarned: a?.lifetimeEarned ?? 0,
      debt: a?.debt ?? 0,
      memberId,
    });
  }
}

@ObjectType('Tier')
export class Tier {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) rank!: number;

  static from(t: { code: string; name: string; rank: number }): Tier {
    return build(Tier, { code: t.code, name: t.name, rank: t.rank });
  }
}

@ObjectType('PlusMembership', { description: 'The paid Plus membership: a fee for a period.' })
export class PlusMembership {
  @Field(() => DateTimeScalar) startsAt!: Date;
  @Field(() => DateTimeScalar) endsAt!: Date;
  @Field(() => Money) fee!: Money;
  @Field(() => Boolean) active!: boolean;

  static from(p: PlusPeriod, active: boolean): PlusMembership {
    return build(PlusMembership, {
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      fee: Money.of(p.fee, p.currency),
      active,
    });
  }
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

  /** the member's growth and tier under the tenant's tiers; `plusActive` judges the Plus period now */
  static from(
    a: AccountDoc | null | undefined,
    tiers: TierRule[],
    plusActive: (p: PlusPeriod) => boolean,
  ): Growth {
    const period = a?.periodGrowth ?? 0;
    const sorted = sortTiers(tiers);
    const tier = a ? tierByCode(a.tier, tiers) : sorted[0];
    const next = sorted.find((t) => t.rank > tier.rank) ?? null;
    return build(Growth, {
      value: period,
      lifetimeValue: a?.growth ?? 0,
      tier: Tier.from(tier),
      nextTier: next && Tier.from(next),
      pointsToNextTier: next ? Math.max(0, next.threshold - period) : null,
      reviewAt: a?.tierReviewAt ?? null,
      plus: a?.plus ? PlusMembership.from(a.plus, plusActive(a.plus)) : null,
    });
  }
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

@ObjectType('ImportedBalance', { description: 'One answer of importOpeningBalances, in the order asked.' })
export class ImportedBalance {
  @Field(() => ID) memberId!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'the opening entry (null for a zero balance, or when refused)',
  })
  entryId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'why this balance was refused (an error code), else null',
  })
  code!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
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

  static from(m: EarningRules['multipliers'][number]): MultiplierType {
    return build(MultiplierType, {
      id: m.id,
      name: m.name,
      factor: m.factor,
      channels: m.channels ?? null,
      categories: m.categories ?? null,
      tiers: m.tiers ?? null,
      plusOnly: m.plusOnly ?? null,
      daysOfMonth: m.daysOfMonth ?? null,
      from: m.from ?? null,
      to: m.to ?? null,
    });
  }
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

  static from(rules: EarningRules, tiers: TierRule[]): EarningRulesType {
    return build(EarningRulesType, {
      pointsPerYuan: rules.pointsPerYuan,
      growthPerYuan: rules.growthPerYuan,
      multipliers: rules.multipliers.map(MultiplierType.from),
      perOrderCap: rules.perOrderCap ?? null,
      perDayCap: rules.perDayCap ?? null,
      returnWindowDays: rules.returnWindowDays,
      expiryYearsAfter: rules.expiryYearsAfter,
      tiers: sortTiers(tiers).map(Tier.from),
    });
  }
}

@ObjectType('AccountMismatch')
export class AccountMismatch {
  @Field(() => ID) memberId!: string;
  @Field(() => [String]) problems!: string[];

  static from(m: { memberId: string; problems: string[] }): AccountMismatch {
    return build(AccountMismatch, { memberId: m.memberId, problems: m.problems });
  }
}

@ObjectType('PointsReconciliation', { description: 'snapshot == ledger, checked account by account' })
export class PointsReconciliation {
  @Field(() => Int) checked!: number;
  @Field(() => [AccountMismatch]) mismatches!: AccountMismatch[];

  static from(r: Reconciliation): PointsReconciliation {
    return build(PointsReconciliation, {
      checked: r.checked,
      mismatches: r.mismatches.map(AccountMismatch.from),
    });
  }
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

  static from(d: Drift): PointsDrift {
    return build(PointsDrift, { ...d });
  }
}
