import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, type RequestContext } from '@zhongtai/subgraph-kit';
import type { ContentKind } from '../domain/records.js';
import type { ContentService } from '../service/content-service.js';
import type { CouponService } from '../service/coupon-service.js';
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

@InputType('UpsertContentItemInput')
export class UpsertContentItemInput {
  @Field(() => ID) id!: string;
  @Field(() => ContentKindEnum) kind!: ContentKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => [ChannelEnum]) channels!: Channel[];
  @Field(() => CouponOfferInput, { nullable: true, description: 'for a COUPON_OFFER only' })
  offer?: CouponOfferInput | null;
}

@Resolver(() => ContentItem)
export class ContentResolver {
  constructor(private readonly content: ContentService) {}

  @Mutation(() => ContentItem, { description: 'HQ and SYSTEM: publish or update a content item.' })
  async upsertContentItem(
    @Arg('input', () => UpsertContentItemInput) input: UpsertContentItemInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ContentItem> {
    const o = input.offer;
    return ContentItem.from(
      await this.content.upsertItem(ctx.tenant, {
        ...input,
        offer: o && {
          stock: o.stock ?? null,
          claimFrom: o.claimFrom ?? null,
          claimUntil: o.claimUntil ?? null,
          ...(o.validDays != null ? { validDays: o.validDays } : {}),
        },
      }),
    );
  }
}

/** The fields content adds to the member (who may read them: policy.ts). */
@Resolver(() => Member)
export class MemberContentResolver {
  constructor(
    private readonly content: ContentService,
    private readonly couponService: CouponService,
  ) {}

  @FieldResolver(() => [ContentItem])
  async feed(
    @Root() _m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('channel', () => ChannelEnum) channel: Channel,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
  ): Promise<ContentItem[]> {
    return (await this.content.feed(ctx, channel, first)).map(ContentItem.from);
  }

  @FieldResolver(() => [Coupon])
  async coupons(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Coupon[]> {
    return (await this.couponService.ofMember(ctx, m.id)).map(Coupon.from);
  }
}
