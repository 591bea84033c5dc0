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
import { type Clock, DateTimeScalar, type RequestContext, callerMemberId } from '@zhongtai/subgraph-kit';
import { QUIET_HOURS } from '../domain/campaigns.js';
import type { CampaignAction, CampaignTrigger } from '../domain/records.js';
import type { CampaignService } from '../service/campaign-service.js';
import { Campaign, CampaignActionEnum, CampaignFunnel, CampaignTriggerEnum } from './types.js';

@InputType('CampaignInput')
export class CampaignInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => CampaignTriggerEnum) trigger!: CampaignTrigger;
  @Field(() => ID, { nullable: true, description: 'the content item it delivers' }) offerId?: string | null;
  @Field(() => String, { description: 'the notification template of its message' }) template!: string;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) active!: boolean;
  @Field(() => Int, { nullable: true, defaultValue: 7 }) attributionDays!: number;
  @Field(() => Int, { nullable: true, defaultValue: 24 }) capHours!: number;
  @Field(() => String, {
    nullable: true,
    defaultValue: QUIET_HOURS.start,
    description: "no messages from this time of the tenant's day (HH:mm)",
  })
  quietStart!: string;
  @Field(() => String, {
    nullable: true,
    defaultValue: QUIET_HOURS.end,
    description: 'until this time (HH:mm); equal to quietStart: no quiet hours',
  })
  quietEnd!: string;
  @Field(() => ID, { nullable: true, description: 'SEGMENT: the segment whose members it reaches' })
  segmentId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'SEGMENT: when it goes out' })
  startAt?: Date | null;
}

@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly clock: Clock,
  ) {}

  @Query(() => Campaign, { nullable: true })
  async campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Campaign | null> {
    const doc = await this.campaigns.byId(ctx, id);
    return doc && Campaign.from(doc);
  }

  @Mutation(() => Campaign, {
    description: 'HQ and SYSTEM: a campaign and its trigger (same id: replaced, its funnel kept).',
  })
  async saveCampaign(
    @Arg('input', () => CampaignInput) input: CampaignInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Campaign> {
    const { id, quietStart, quietEnd, ...settings } = input;
    return Campaign.from(
      await this.campaigns.save(
        ctx.tenant,
        id,
        {
          ...settings,
          offerId: settings.offerId ?? null,
          quietHours: { start: quietStart ?? QUIET_HOURS.start, end: quietEnd ?? QUIET_HOURS.end },
          segmentId: settings.segmentId ?? null,
          startAt: settings.startAt ?? null,
        },
        this.clock.now(),
      ),
    );
  }

  @Mutation(() => Boolean, {
    description:
      "A channel app reports what the member did with a campaign it was shown: CLICKED, SHARED, or JOINED_VIA_SHARE (it came in through `sharerId`'s share link: the sharer is credited). Each counts once per member and campaign; true when this call counted.",
  })
  async trackCampaign(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('action', () => CampaignActionEnum) action: CampaignAction,
    @Arg('sharerId', () => ID, { nullable: true }) sharerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.campaigns.track(ctx.tenant, callerMemberId(ctx)!, campaignId, action, sharerId ?? null);
  }

  @FieldResolver(() => CampaignFunnel, {
    description: 'The funnel at one store (the store the member joined or answered at).',
  })
  async funnelAt(
    @Root() c: Campaign,
    @Arg('storeId', () => ID) storeId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignFunnel> {
    return CampaignFunnel.from(await this.campaigns.storeFunnel(ctx, c.id, storeId));
  }
}
