import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, PageInfo, build, entityRef, ref } from '@zhongtai/subgraph-kit';
import type { CareSettings, FollowUpKind, SurveyTemplateDoc, TicketDoc } from '../domain/records.js';
import type { SurveyOutcome } from '../service/answer-service.js';
import { Store, Survey, Ticket } from './types.js';

export const Sku = entityRef('Sku', { key: 'code', keyType: 'String', resolvable: false });
export const ContentItem = entityRef('ContentItem', { resolvable: false });

export const FollowUpKindEnum = { RECOMMENDATION: 'RECOMMENDATION', APOLOGY: 'APOLOGY' } as const;
registerEnumType(FollowUpKindEnum, { name: 'FollowUpKind' });

@ObjectType('FollowUp', { description: 'What an answer led to, at once (R-CS-3, R-CS-4).' })
export class FollowUp {
  @Field(() => FollowUpKindEnum) kind!: FollowUpKind;
  @Field(() => [Sku], { description: 'not bought in 90 days, in stock at the member store' })
  recommendedSkus!: Array<InstanceType<typeof Sku>>;
  @Field(() => [ContentItem], { description: 'current promotions or a store invitation' })
  content!: Array<InstanceType<typeof ContentItem>>;
  @Field(() => Ticket, { nullable: true }) ticket!: Ticket | null;
  @Field(() => Store, { nullable: true, description: 'the store told about the unhappy customer' })
  notifiedStore!: InstanceType<typeof Store> | null;
}

@ObjectType('SurveyResult')
export class SurveyResult {
  @Field(() => Survey) survey!: Survey;
  @Field(() => [String], { description: 'tags written to the member with source SURVEY' })
  tagsAdded!: string[];
  @Field(() => FollowUp) followUp!: FollowUp;

  static from(o: SurveyOutcome, ticket: TicketDoc | null, now: Date): SurveyResult {
    const f = o.followUp;
    return build(SurveyResult, {
      survey: Survey.from(o.survey),
      tagsAdded: o.tags,
      followUp: build(FollowUp, {
        kind: f.kind,
        recommendedSkus: f.recommendedSkus.map((code) => ref(Sku, code, 'code')),
        content: f.contentIds.map((id) => ref(ContentItem, id)),
        ticket: ticket ? Ticket.from(ticket, now) : null,
        notifiedStore: f.notifiedStoreId ? ref(Store, f.notifiedStoreId) : null,
      }),
    });
  }
}

@InputType('SurveyAnswerInput')
export class SurveyAnswerInput {
  @Field(() => ID) surveyId!: string;
  @Field(() => Int, { description: '1 (very unhappy) .. 5 (very happy)' }) score!: number;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@ObjectType('TicketPage')
export class TicketPage {
  @Field(() => [Ticket]) nodes!: Ticket[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;

  static from(
    tickets: TicketDoc[],
    total: number,
    skip: number,
    now: Date,
    encode: (n: number) => string,
  ): TicketPage {
    const end = skip + tickets.length;
    return build(TicketPage, {
      nodes: tickets.map((t) => Ticket.from(t, now)),
      totalCount: total,
      pageInfo: { hasNextPage: end < total, endCursor: tickets.length ? encode(end - 1) : null },
    });
  }
}

@InputType('OpenTicketInput')
export class OpenTicketInput {
  @Field(() => ID) memberId!: string;
  @Field(() => String) subject!: string;
  @Field(() => ID, { nullable: true }) orderId?: string | null;
  @Field(() => ID, { nullable: true }) storeId?: string | null;
  @Field(() => String) idempotencyKey!: string;
}

@ObjectType('KeywordTag')
@InputType('KeywordTagInput')
export class KeywordTag {
  @Field(() => String, { description: 'a word of a comment, e.g. 咸' }) keyword!: string;
  @Field(() => String, { description: 'the tag it means, e.g. 口味偏咸' }) tag!: string;
}

@ObjectType('SurveyTemplate', { description: 'How a product category is surveyed (R-CS-1).' })
export class SurveyTemplate {
  @Field(() => String) category!: string;
  @Field(() => Int, { description: '0: at once after the order; N: N days later' }) delayDays!: number;
  @Field(() => [String]) questions!: string[];
  @Field(() => [KeywordTag]) keywordTags!: KeywordTag[];
  @Field(() => DateTimeScalar) updatedAt!: Date;

  static from(t: SurveyTemplateDoc): SurveyTemplate {
    return build(SurveyTemplate, {
      category: t.category,
      delayDays: t.delayDays,
      questions: t.questions,
      keywordTags: t.keywordTags.map((k) => build(KeywordTag, { keyword: k.keyword, tag: k.tag })),
      updatedAt: t.updatedAt,
    });
  }
}

@InputType('SurveyTemplateInput')
export class SurveyTemplateInput {
  @Field(() => String) category!: string;
  @Field(() => Int) delayDays!: number;
  @Field(() => [String]) questions!: string[];
  @Field(() => [KeywordTag], { nullable: true }) keywordTags?: KeywordTag[] | null;
}

@ObjectType('StoreContact')
@InputType('StoreContactInput')
export class StoreContact {
  @Field(() => ID) storeId!: string;
  @Field(() => String, { description: 'SMS, EMAIL or WECHAT_TEMPLATE' }) channel!:
    'SMS' | 'EMAIL' | 'WECHAT_TEMPLATE';
  @Field(() => String) to!: string;
}

@ObjectType('QuietHours')
@InputType('QuietHoursInput')
export class QuietHours {
  @Field(() => String, { description: 'HH:mm, the tenant wall clock' }) start!: string;
  @Field(() => String) end!: string;
}

@ObjectType('CareSettings', { description: "The tenant's customer-service settings." })
export class CareSettingsType {
  @Field(() => Int) slaHours!: number;
  @Field(() => Int) escalateToHqAfterHours!: number;
  @Field(() => QuietHours) quietHours!: QuietHours;
  @Field(() => Int) answerWithinDays!: number;
  @Field(() => [StoreContact]) storeContacts!: StoreContact[];

  static from(s: CareSettings): CareSettingsType {
    return build(CareSettingsType, {
      slaHours: s.slaHours,
      escalateToHqAfterHours: s.escalateToHqAfterHours,
      quietHours: build(QuietHours, { ...s.quietHours }),
      answerWithinDays: s.answerWithinDays,
      storeContacts: s.storeContacts.map((c) => build(StoreContact, { ...c })),
    });
  }
}

@InputType('CareSettingsInput', { description: 'Only the settings given change.' })
export class CareSettingsInput {
  @Field(() => Int, { nullable: true }) slaHours?: number | null;
  @Field(() => Int, { nullable: true }) escalateToHqAfterHours?: number | null;
  @Field(() => QuietHours, { nullable: true }) quietHours?: QuietHours | null;
  @Field(() => Int, { nullable: true }) answerWithinDays?: number | null;
  @Field(() => [StoreContact], { nullable: true }) storeContacts?: StoreContact[] | null;
}
