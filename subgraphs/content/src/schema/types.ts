import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, entityRef } from '@zhongtai/subgraph-kit';
import type { ContentItemDoc, ContentKind } from '../store/models.js';

export const Member = entityRef('Member');
export type Member = InstanceType<typeof Member>;

export const ContentKindEnum = {
  ARTICLE: 'ARTICLE',
  PROMOTION: 'PROMOTION',
  STORE_INVITATION: 'STORE_INVITATION',
  COUPON_OFFER: 'COUPON_OFFER',
} as const;
registerEnumType(ContentKindEnum, { name: 'ContentKind' });

@Directive('@key(fields: "id")')
@ObjectType('ContentItem')
export class ContentItem {
  @Field(() => ID) id!: string;
  @Field(() => ContentKindEnum) kind!: ContentKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => [ChannelEnum]) channels!: Channel[];

  static from(d: ContentItemDoc): ContentItem {
    return Object.assign(new ContentItem(), {
      id: d.itemId,
      kind: d.kind,
      title: d.title,
      body: d.body,
      channels: d.channels,
    });
  }
}

@ObjectType('Coupon')
export class Coupon {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => ContentItem) offer!: ContentItem;
  @Field(() => DateTimeScalar) claimedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) redeemedAt!: Date | null;
}

@ObjectType('CampaignFunnel')
export class CampaignFunnel {
  @Field(() => Int) sent!: number;
  @Field(() => Int) clicked!: number;
  @Field(() => Int) shared!: number;
  @Field(() => Int) joined!: number;
  @Field(() => Int) couponsClaimed!: number;
  @Field(() => Int) purchased!: number;
  @Field(() => Int) pointsAwarded!: number;
}

@Directive('@key(fields: "id")')
@ObjectType('Campaign')
export class Campaign {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => CampaignFunnel) funnel!: CampaignFunnel;
}
