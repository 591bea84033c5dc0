import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChannelEnum, DateTimeScalar, Money, build } from '@zhongtai/subgraph-kit';
import type { GrantLimits, HoldLateOrders, HoldReason } from '../domain/limits.js';
import type { HeldOrderDoc, HeldStatus } from '../domain/records.js';

export const HoldLateOrdersEnum = { NONE: 'none', STAFF: 'staff', ALL: 'all' } as const;
registerEnumType(HoldLateOrdersEnum, {
  name: 'HoldLateOrders',
  description: 'Which orders that arrive after their return window wait for approval.',
  valuesConfig: {
    NONE: { description: 'none: late orders grant at once' },
    STAFF: { description: 'those a person typed in (enteredBy with a role other than SYSTEM)' },
    ALL: { description: 'all late orders, from systems too' },
  },
});

export const HeldOrderStatusEnum = { HELD: 'HELD', APPROVED: 'APPROVED', REJECTED: 'REJECTED' } as const;
registerEnumType(HeldOrderStatusEnum, { name: 'HeldOrderStatus' });

export const HoldReasonEnum = {
  LARGE_ORDER: 'LARGE_ORDER',
  LATE_ORDER: 'LATE_ORDER',
  STAFF_DAILY_CAP: 'STAFF_DAILY_CAP',
} as const;
registerEnumType(HoldReasonEnum, {
  name: 'HoldReason',
  valuesConfig: {
    LARGE_ORDER: { description: 'the order total is above holdOrdersAbove' },
    LATE_ORDER: { description: 'the order arrived after its return window (per holdLateOrders)' },
    STAFF_DAILY_CAP: {
      description: 'its points would take the staff token that entered it over maxPointsPerStaffPerDay',
    },
  },
});

@ObjectType('GrantLimits', {
  description:
    "The tenant's fraud limits on points (R-PT-8). Days are business days: the tenant's calendar days in timeZone.",
})
export class GrantLimitsType {
  @Field(() => Int, { description: 'points one manual grant (earnPoints) may give' })
  maxPointsPerGrant!: number;
  @Field(() => Int, { description: 'points manual grants may give one member per business day' })
  maxPointsPerMemberPerDay!: number;
  @Field(() => Int, {
    description: 'points one staff token may grant per business day (orders it typed in count too)',
  })
  maxPointsPerStaffPerDay!: number;
  @Field(() => Int, { description: 'order total in fen above which the order waits for approval' })
  holdOrdersAbove!: number;
  @Field(() => HoldLateOrdersEnum) holdLateOrders!: HoldLateOrders;
  @Field(() => Int, {
    description: 'Plus price per month in fen (CNY): the least a payment backend may charge',
  })
  plusPricePerMonth!: number;
  @Field(() => String, {
    description:
      "the tenant's time zone (IANA), whose calendar days are business days: deployment configuration (TIME_ZONE, TENANT_TIME_ZONES), read-only here",
  })
  timeZone!: string;

  static from(l: GrantLimits, timeZone: string): GrantLimitsType {
    return build(GrantLimitsType, { ...l, timeZone });
  }
}

@InputType('GrantLimitsInput', {
  description: 'Only the settings given change; the others keep their value.',
})
export class GrantLimitsInput {
  @Field(() => Int, { nullable: true }) maxPointsPerGrant?: number | null;
  @Field(() => Int, { nullable: true }) maxPointsPerMemberPerDay?: number | null;
  @Field(() => Int, { nullable: true }) maxPointsPerStaffPerDay?: number | null;
  @Field(() => Int, { nullable: true }) holdOrdersAbove?: number | null;
  @Field(() => HoldLateOrdersEnum, { nullable: true }) holdLateOrders?: HoldLateOrders | null;
  @Field(() => Int, { nullable: true }) plusPricePerMonth?: number | null;
}

@ObjectType('HeldOrderPoints', {
  description: "An order's points waiting for HQ's approval, and the decision.",
})
export class HeldOrderPoints {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) memberId!: string;
  @Field(() => HeldOrderStatusEnum) status!: HeldStatus;
  @Field(() => HoldReasonEnum) reason!: HoldReason;
  @Field(() => String, { description: 'why, in words' }) detail!: string;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => ID, { nullable: true }) storeId!: string | null;
  @Field(() => Money) total!: Money;
  @Field(() => DateTimeScalar) placedAt!: Date;
  @Field(() => String, { nullable: true, description: 'role of the person who typed the order in' })
  enteredByRole!: string | null;
  @Field(() => String, { nullable: true, description: 'token subject of the person who typed it in' })
  enteredBySub!: string | null;
  @Field(() => Int, { description: 'the points approval grants (computed when the order arrived)' })
  points!: number;
  @Field(() => Int) growth!: number;
  @Field(() => String) explanation!: string;
  @Field(() => DateTimeScalar) heldAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'role and subject of who decided' })
  decidedBy!: string | null;
  @Field(() => String, { nullable: true }) rejectReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'the PointsEntry approval wrote' })
  entryId!: string | null;

  static from(d: HeldOrderDoc): HeldOrderPoints {
    return build(HeldOrderPoints, {
      orderId: d.orderId,
      memberId: d.memberId,
      status: d.status,
      reason: d.reason,
      detail: d.detail,
      channel: d.order.channel,
      storeId: d.order.storeId ?? null,
      total: Money.of(d.order.total),
      placedAt: d.order.placedAt,
      enteredByRole: d.order.enteredBy?.role ?? null,
      enteredBySub: d.order.enteredBy?.sub ?? null,
      points: d.outcome.points,
      growth: d.outcome.growth,
      explanation: d.outcome.explanation,
      heldAt: d.heldAt,
      decidedAt: d.decidedAt ?? null,
      decidedBy: d.decidedBy ? [d.decidedBy.role, d.decidedBy.sub].filter(Boolean).join(' ') : null,
      rejectReason: d.rejectReason ?? null,
      // the same form as PointsEntry.id
      entryId: d.entryId ? d.entryId.split('|').slice(1).join(':') : null,
    });
  }
}
