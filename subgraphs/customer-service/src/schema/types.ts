import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, type Page, PageInfo, build, entityRef, ref } from '@zhongtai/subgraph-kit';
import type { SurveyDoc, SurveyStatus, TicketDoc, TicketStatus } from '../domain/records.js';
import { deadline, isBreached } from '../domain/sla.js';

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

  /** `breached` is the SLA as of `now` (R-CS-5). */
  static from(d: TicketDoc, now: Date): Ticket {
    return build(Ticket, {
      id: d._id,
      member: ref(Member, d.memberId),
      order: d.orderId ? ref(Order, d.orderId) : null,
      store: d.storeId ? ref(Store, d.storeId) : null,
      status: d.status,
      subject: d.subject,
      openedAt: d.openedAt,
      firstResponseAt: d.firstResponseAt ?? null,
      dueAt: deadline(d, now),
      breached: isBreached(d, now),
      resolvedAt: d.resolvedAt ?? null,
    });
  }
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

  static from(d: SurveyDoc): Survey {
    return build(Survey, {
      id: d._id,
      order: ref(Order, d.orderId ?? d._id),
      member: ref(Member, d.memberId),
      // a cancelled survey is never listed; a questionnaire has no order (see Survey.order)
      status: d.status === 'CANCELLED' ? 'EXPIRED' : d.status,
      scheduledFor: d.scheduledFor,
      score: d.score ?? null,
      comment: d.comment ?? null,
      answeredAt: d.answeredAt ?? null,
    });
  }
}

@ObjectType('SurveyConnection')
export class SurveyConnection {
  @Field(() => [Survey]) nodes!: Survey[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;

  static from(page: Page<Survey>): SurveyConnection {
    return build(SurveyConnection, {
      nodes: page.nodes,
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    });
  }
}
