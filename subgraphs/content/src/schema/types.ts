import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, build, entityRef } from '@zhongtai/subgraph-kit';
import {
  type CampaignDoc,
  type CampaignFunnelCounts,
  type CampaignTrigger,
  type ContentItemDoc,
  type ContentKind,
  type CouponDoc,
  couponId,
} from '../domain/records.js';

const couponPublicId = (c: CouponDoc) => couponId(c.offerId, c.claimedBy);
import { QUIET_HOURS } from '../domain/campaigns.js';
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

@ObjectType('CouponOffer', { description: "A coupon offer's terms and what is left of its stock." })
export class CouponOffer {
  @Field(() => Int, { nullable: true, description: 'coupons to issue in all; null: no limit' })
  stock!: number | null;
  @Field(() => Int, { nullable: true, description: 'coupons left to claim; null: no limit' })
  remaining!: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) claimFrom!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) claimUntil!: Date | null;
  @Field(() => Int, {
    description:
      "a claimed coupon is valid through the end of the tenant's day this many days after the claim",
  })
  validDays!: number;

  static from(d: Pick<ContentItemDoc, 'offer' | 'remaining'>): CouponOffer | null {
    const t = d.offer;
    if (!t) return null;
    return build(CouponOffer, {
      stock: t.stock,
      remaining: t.stock === null ? null : Math.max(0, d.remaining ?? t.stock),
      claimFrom: t.claimFrom,
      claimUntil: t.claimUntil,
      validDays: t.validDays,
    });
  }
}

@Directive('@key(fields: "id")')
@ObjectType('ContentItem')
export class ContentItem {
  @Field(() => ID) id!: string;
  @Field(() => ContentKindEnum) kind!: ContentKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => [ChannelEnum]) channels!: Channel[];
  @Field(() => CouponOffer, { nullable: true, description: 'a COUPON_OFFER: its terms' })
  offer!: CouponOffer | null;

  static from(
    d: Pick<ContentItemDoc, 'itemId' | 'kind' | 'title' | 'body' | 'channels' | 'offer' | 'remaining'>,
  ): ContentItem {
    return build(ContentItem, {
      id: d.itemId,
      kind: d.kind,
      title: d.title,
      body: d.body,
      channels: d.channels,
      offer: CouponOffer.from(d),
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
  @Field(() => DateTimeScalar, { description: "valid through this instant (the end of a tenant's day)" })
  validUntil!: Date;
  @Field(() => ID, { nullable: true, description: 'the store it was redeemed at' })
  redeemedStoreId!: string | null;

  static from({ coupon, offer }: CouponWithOffer): Coupon {
    return build(Coupon, {
      id: couponPublicId(coupon),
      code: coupon.code,
      offer: ContentItem.from(offer),
      claimedAt: coupon.claimedAt,
      redeemedAt: coupon.redeemedAt ?? null,
      validUntil: coupon.validUntil,
      redeemedStoreId: coupon.redeemedStoreId ?? null,
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

export const CampaignTriggerEnum = {
  JOINED_IN_STORE: 'JOINED_IN_STORE',
  SURVEY_SATISFIED: 'SURVEY_SATISFIED',
  CHURN_RISK: 'CHURN_RISK',
  BIRTHDAY: 'BIRTHDAY',
  SEGMENT: 'SEGMENT',
} as const;
registerEnumType(CampaignTriggerEnum, {
  name: 'CampaignTrigger',
  description:
    "JOINED_IN_STORE: a member joined by scanning a store QR code in WeChat; SURVEY_SATISFIED: answered a survey with 4 or 5; CHURN_RISK: the member's lifecycle stage turned AT_RISK (at most once a day); BIRTHDAY: on the member's birthday, in the tenant's time zone (once a year; 29 February on the 28th in other years); SEGMENT: every member of `segmentId` at `startAt`, once",
});

export const CampaignActionEnum = {
  CLICKED: 'CLICKED',
  SHARED: 'SHARED',
  JOINED_VIA_SHARE: 'JOINED_VIA_SHARE',
} as const;
registerEnumType(CampaignActionEnum, { name: 'CampaignAction' });

@Directive('@key(fields: "id")')
@ObjectType('Campaign')
export class Campaign {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => CampaignFunnel, { description: 'counted as each step happens, never from scans' })
  funnel!: CampaignFunnel;
  @Field(() => CampaignTriggerEnum, { nullable: true }) trigger!: CampaignTrigger | null;
  @Field(() => ID, {
    nullable: true,
    description: 'the content item it delivers (a coupon offer: claims count)',
  })
  offerId!: string | null;
  @Field(() => String, { nullable: true, description: 'the notification template of its message' })
  template!: string | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Int, { description: 'purchases this many days after its message count for it (last touch)' })
  attributionDays!: number;
  @Field(() => Int, { description: 'at most one campaign message per member in this many hours' })
  capHours!: number;
  @Field(() => String, { description: "no messages from this time of the tenant's day (HH:mm)" })
  quietStart!: string;
  @Field(() => String, { description: 'until this time (HH:mm); equal to quietStart: no quiet hours' })
  quietEnd!: string;
  @Field(() => ID, { nullable: true, description: 'SEGMENT: the segment whose members it reaches' })
  segmentId!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'SEGMENT: when it goes out' })
  startAt!: Date | null;

  static from(d: CampaignDoc): Campaign {
    return build(Campaign, {
      id: d.campaignId,
      name: d.name,
      funnel: CampaignFunnel.from(d.funnel),
      trigger: d.trigger ?? null,
      offerId: d.offerId ?? null,
      template: d.template ?? null,
      active: d.active ?? false,
      attributionDays: d.attributionDays ?? 7,
      capHours: d.capHours ?? 24,
      quietStart: d.quietHours?.start ?? QUIET_HOURS.start,
      quietEnd: d.quietHours?.end ?? QUIET_HOURS.end,
      segmentId: d.segmentId ?? null,
      startAt: d.startAt ?? null,
    });
  }
}
