import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, build, entityRef } from '@zhongtai/subgraph-kit';
import type { CampaignDoc, CampaignFunnelCounts, ContentItemDoc, ContentKind } from '../domain/records.js';
import type { CouponWithOffer } from '../service/coupon-service.js';

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

  static from(d: Pick<ContentItemDoc, 'itemId' | 'kind' | 'title' | 'body' | 'channels'>): ContentItem {
    return build(ContentItem, {
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

  static from({ coupon, offer }: CouponWithOffer): Coupon {
    return build(Coupon, {
      id: coupon._id,
      code: coupon.code,
      offer: ContentItem.from(offer),
      claimedAt: coupon.claimedAt,
      redeemedAt: coupon.redeemedAt ?? null,
    });
  }
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

  static from(f: CampaignFunnelCounts): CampaignFunnel {
    return build(CampaignFunnel, {
      sent: f.sent,
      clicked: f.clicked,
      shared: f.shared,
      joined: f.joined,
      couponsClaimed: f.couponsClaimed,
      purchased: f.purchased,
      pointsAwarded: f.pointsAwarded,
    });
  }
}

@Directive('@key(fields: "id")')
@ObjectType('Campaign')
export class Campaign {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => CampaignFunnel) funnel!: CampaignFunnel;

  static from(d: CampaignDoc): Campaign {
    return build(Campaign, { id: d.campaignId, name: d.name, funnel: CampaignFunnel.from(d.funnel) });
  }
}
