import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, type RequestContext, callerMemberId } from '@zhongtai/subgraph-kit';
import type { ContentKind } from '../domain/records.js';
import type { ContentService } from '../service/content-service.js';
import type { CouponService } from '../service/coupon-service.js';
import type { FeedService } from '../service/feed-service.js';
import { ContentItem, ContentKindEnum, Coupon, Member } from './types.js';

@InputType('CouponOfferInput', { description: "A COUPON_OFFER's terms (each optional)." })
export class CouponOfferInput {
  @Field(() => Int, { nullable: true, description: 'coupons to issue in all; omitted or null: no limit' })
  stock?: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) claimFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) claimUntil?: Date | null;
  @Field(() => Int, { nullable: true, description: 'days a claimed coupon is valid (default 30)' })
  validDays?: number | null;
}

@InputType('ContentTargetingInput', {
  description:
    'Who an item is for: each listed facet must match (one of its values), an empty one does not narrow; nothing listed: everyone.',
})
export class ContentTargetingInput {
  @Field(() => [ID], { nullable: true }) segmentIds?: string[] | null;
  @Field(() => [String], { nullable: true }) tiers?: string[] | null;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => [ID], { nullable: true }) storeIds?: string[] | null;
  @Field(() => [String], { nullable: true }) regions?: string[] | null;
  @Field(() => [String], {
    nullable: true,
    description: "products it promotes: shown only while one is in stock at the member's stores",
  })
  skus?: string[] | null;
  @Field(() => DateTimeScalar, { nullable: true }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) until?: Date | null;
}

@InputType('UpsertContentItemInput')
export class UpsertContentItemInput {
  @Field(() => ID) id!: string;
  @Field(() => ContentKindEnum) kind!: ContentKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => [ChannelEnum]) channels!: Channel[];
  @Field(() => CouponOfferInput, { nullable: true, description: 'for a COUPON_OFFER only' })
  offer?: CouponOfferInput | null;
  @Field(() => ContentTargetingInput, { nullable: true, description: 'omitted: everyone' })
  targeting?: ContentTargetingInput | null;
}

@Resolver(() => ContentItem)
export class ContentResolver {
  constructor(private readonly content: ContentService) {}

  @Mutation(() => ContentItem, { description: 'HQ and SYSTEM: publish or update a content item.' })
  async upsertContentItem(
    @Arg('input', () => UpsertContentItemInput) input: UpsertContentItemInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ContentItem> {
    return ContentItem.from(await this.content.upsertItem(ctx.tenant, input));
  }
}

/** The fields content adds to the member (who may read them: policy.ts). */
@Resolver(() => Member)
export class MemberContentResolver {
  constructor(
    private readonly feeds: FeedService,
    private readonly couponService: CouponService,
  ) {}

  @FieldResolver(() => [ContentItem], {
    description:
      "The member's own feed of a channel: what is for it (segments, tags, tier, stores), not claimed yet, in stock; the most narrowly aimed first, then the newest.",
  })
  async feed(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('channel', () => ChannelEnum) channel: Channel,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
  ): Promise<ContentItem[]> {
    return (await this.feeds.feed(ctx, m.id, channel, first)).map(ContentItem.from);
  }

  @FieldResolver(() => [Coupon])
  async coupons(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Coupon[]> {
    return (await this.couponService.ofMember(ctx, m.id)).map(Coupon.from);
  }

  @Mutation(() => Boolean, {
    description:
      "The member's app showed it these items (1..50 ids): its feed ranks them after those it has not seen. The member for itself.",
  })
  async markContentSeen(
    @Arg('itemIds', () => [ID]) itemIds: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.feeds.markSeen(ctx, callerMemberId(ctx)!, itemIds);
  }
}
