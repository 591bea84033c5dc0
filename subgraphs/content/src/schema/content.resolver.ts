import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, type RequestContext } from '@zhongtai/subgraph-kit';
import type { ContentService } from '../service/content-service.js';
import type { ContentKind } from '../store/models.js';
import { Campaign, CampaignFunnel, ContentItem, ContentKindEnum, Coupon, Member } from './types.js';

@InputType('UpsertContentItemInput')
export class UpsertContentItemInput {
  @Field(() => ID) id!: string;
  @Field(() => ContentKindEnum) kind!: ContentKind;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => [ChannelEnum]) channels!: Channel[];
}

@Resolver(() => ContentItem)
export class ContentResolver {
  constructor(private readonly content: ContentService) {}

  @Query(() => Campaign, { nullable: true })
  async campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Campaign | null> {
    const doc = await this.content.repo.campaign(ctx.tenant, id);
    return (
      doc &&
      Object.assign(new Campaign(), {
        id: doc.campaignId,
        name: doc.name,
        funnel: Object.assign(new CampaignFunnel(), doc.funnel),
      })
    );
  }

  @Mutation(() => ContentItem, { description: 'HQ and SYSTEM: publish or update a content item.' })
  async upsertContentItem(
    @Arg('input', () => UpsertContentItemInput) input: UpsertContentItemInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ContentItem> {
    await this.content.upsertItem(ctx.tenant, input);
    return Object.assign(new ContentItem(), input);
  }
}

@Resolver(() => Member)
export class MemberContentResolver {
  constructor(private readonly content: ContentService) {}

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
    const docs = await this.content.coupons(ctx, m.id);
    const offers = await this.content.items(ctx).loadMany(docs.map((d) => d.offerId));
    return docs.flatMap((d, i) => {
      const offer = offers[i];
      if (!offer || offer instanceof Error) return [];
      return [
        Object.assign(new Coupon(), {
          id: d._id,
          code: d.code,
          offer: ContentItem.from(offer),
          claimedAt: d.claimedAt,
          redeemedAt: d.redeemedAt ?? null,
        }),
      ];
    });
  }
}
