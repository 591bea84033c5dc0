import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, PageInfo, entityRef } from '@zhongtai/subgraph-kit';
import type { SurveyStatus, TicketStatus } from '../store/models.js';

export const Member = entityRef('Member');
export type Member = InstanceType<typeof Member>;
export const Order = entityRef('Order', { resolvable: false });
export const Store = entityRef('Store', { resolvable: false });

export const TicketStatusEnum = {
  OPEN: 'OPEN',
  WAITING_ON_CUSTOMER: 'WAITING_ON_CUSTOMER',
  RESOLVED: 'RESOLVED',
} as const;
registerEnumType(TicketStatusEnum, { name: 'TicketStatus' });
export const SurveyStatusEnum = {
  SCHEDULED: 'SCHEDULED',
  SENT: 'SENT',
  ANSWERED: 'ANSWERED',
  EXPIRED: 'EXPIRED',
} as const;
registerEnumType(SurveyStatusEnum, { name: 'SurveyStatus' });

@Directive('@key(fields: "id")')
@ObjectType('Ticket')
export class Ticket {
  @Field(() => ID) id!: string;
  @Field(() => Member) member!: Member;
  @Field(() => Order, { nullable: true }) order!: InstanceType<typeof Order> | null;
  @Field(() => Store, { nullable: true }) store!: InstanceType<typeof Store> | null;
  @Field(() => TicketStatusEnum) status!: TicketStatus;
  @Field(() => String) subject!: string;
  @Field(() => DateTimeScalar) openedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) firstResponseAt!: Date | null;
  @Field(() => DateTimeScalar, {
    description:
      'Deadline for the first follow-up (72 hours after opening, clock paused while waiting on the customer).',
  })
  dueAt!: Date;
  @Field(() => Boolean) breached!: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) resolvedAt!: Date | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Survey')
export class Survey {
  @Field(() => ID) id!: string;
  @Field(() => Order) order!: InstanceType<typeof Order>;
  @Field(() => Member) member!: Member;
  @Field(() => SurveyStatusEnum) status!: SurveyStatus;
  @Field(() => DateTimeScalar) scheduledFor!: Date;
  @Field(() => Int, { nullable: true }) score!: number | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) answeredAt!: Date | null;
}

@ObjectType('SurveyConnection')
export class SurveyConnection {
  @Field(() => [Survey]) nodes!: Survey[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
