import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Channel, badInput, mayReadPii } from '@zhongtai/contracts';
import { ChannelEnum, type RequestContext } from '@zhongtai/subgraph-kit';
import { maskName, maskPhone } from '../domain/pii.js';
import type { ConsentService } from '../service/consent-service.js';
import type { MemberDirectory } from '../service/directory.js';
import type { IdentityService } from '../service/identity-service.js';
import type { InsightService } from '../service/insight-service.js';
import type { MergeService } from '../service/merge-service.js';
import type { TagService } from '../service/tag-service.js';
import { IdentifiedMember, IdentifyMemberInput, IdentifyMemberPayload } from './identify.input.js';
import {
  ChannelConsent,
  ChannelIdentity,
  LifecycleStageEnum,
  Member,
  MemberMerge,
  MemberTag,
  Relationship,
} from './member.type.js';
import { Store } from './store.type.js';

@Resolver(() => Member)
export class MemberResolver {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly identity: IdentityService,
    private readonly tagService: TagService,
    private readonly consentService: ConsentService,
    private readonly insight: InsightService,
    private readonly merges: MergeService,
  ) {}

  @Query(() => Member, {
    nullable: true,
    description: 'Any id of the member, including one merged into another: the survivor is returned.',
  })
  async member(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Member | null> {
    const doc = await this.dir.root(ctx, id);
    return doc && Member.from(doc);
  }

  @Query(() => [Member], {
    nullable: 'items',
    description:
      'Up to 100 members by id, in order; null where a member is unknown or not visible to the caller.',
  })
  async membersByIds(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<Array<Member | null>> {
    if (ids.length > 100) throw badInput('at most 100 ids per call', { field: 'ids' });
    const docs = await Promise.all(ids.map((id) => this.dir.root(ctx, id)));
    return docs.map((d) => d && Member.from(d));
  }

  @Query(() => Member, { nullable: true })
  async memberByIdentity(
    @Arg('channel', () => ChannelEnum) channel: Channel,
    @Arg('externalId', () => String) externalId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Member | null> {
    const doc = await this.identity.memberByIdentity(ctx, channel, externalId);
    return doc && Member.from(doc);
  }

  @Query(() => Member, { nullable: true, description: 'Staff roles only.' })
  async memberByPhone(
    @Arg('phone', () => String) phone: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Member | null> {
    const doc = await this.identity.memberByPhone(ctx, phone);
    return doc && Member.from(doc);
  }

  @Query(() => Member, { nullable: true, description: "The member in the caller's token (role MEMBER)." })
  async me(@Ctx() ctx: RequestContext): Promise<Member | null> {
    if (ctx.claims.role !== 'MEMBER' || !ctx.claims.memberId) return null;
    const doc = await this.dir.root(ctx, ctx.claims.memberId);
    return doc && Member.from(doc);
  }

  @Query(() => [MemberMerge], {
    description: 'The merge audit trail of a member (staff): merges into it and of it, undone ones included.',
  })
  async memberMerges(
    @Arg('memberId', () => ID) memberId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MemberMerge[]> {
    const root = await this.dir.root(ctx, memberId);
    if (!root) return [];
    const docs = await this.merges.mergesOf(ctx.tenant, this.dir.group(root).concat(memberId));
    return Promise.all(
      docs.map(async (d) => MemberMerge.from(d, Member.from((await this.dir.root(ctx, d.survivorId))!))),
    );
  }

  @Mutation(() => IdentifyMemberPayload)
  async identifyMember(
    @Arg('input', () => IdentifyMemberInput) input: IdentifyMemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<IdentifyMemberPayload> {
    // a clerk identifies customers at its own store (the policy refuses any other)
    if (ctx.claims.role === 'CLERK') input.storeId = ctx.claims.storeId;
    return IdentifyMemberPayload.from(await this.identity.identify(ctx, input));
  }

  @Mutation(() => [IdentifiedMember], {
    description:
      'SYSTEM (history imports): up to 500 customers identified at once, each as identifyMember does it; answers in the order asked, a refused one with its error code.',
  })
  async identifyMembers(
    @Arg('inputs', () => [IdentifyMemberInput]) inputs: IdentifyMemberInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<IdentifiedMember[]> {
    if (inputs.length > 500) throw badInput('at most 500 customers per call', { field: 'inputs' });
    return (await this.identity.identifyMany(ctx, inputs)).map((r) =>
      'memberId' in r
        ? { memberId: r.memberId, code: null, message: null }
        : { memberId: null, code: r.code, message: r.message },
    );
  }

  @Mutation(() => Member, { description: 'Adds a manual tag (idempotent).' })
  async tagMember(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('tag', () => String) tag: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Member> {
    return Member.from(await this.tagService.tag(ctx, memberId, tag));
  }

  @Mutation(() => Member, { description: 'Removes a tag, whatever its source (a rule may add it again).' })
  async untagMember(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('tag', () => String) tag: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Member> {
    return Member.from(await this.tagService.untag(ctx, memberId, tag));
  }

  @Mutation(() => Member, {
    description: 'Records consent to marketing on a channel: the member itself, or staff recording it.',
  })
  async setConsent(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('channel', () => ChannelEnum) channel: Channel,
    @Arg('granted', () => Boolean) granted: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<Member> {
    return Member.from(await this.consentService.setConsent(ctx, memberId, channel, granted));
  }

  @Mutation(() => MemberMerge, {
    description:
      'HQ and SYSTEM. A recorded, reversible link; replaying the same merge returns the same record.',
  })
  async mergeMembers(
    @Arg('survivorId', () => ID) survivorId: string,
    @Arg('mergedId', () => ID) mergedId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MemberMerge> {
    const doc = await this.merges.merge(ctx, survivorId, mergedId, reason, ctx.claims.role);
    return MemberMerge.from(doc, Member.from((await this.dir.member(ctx.tenant, survivorId))!));
  }

  @Mutation(() => Member, { description: 'HQ and SYSTEM. Restores the merged member exactly; returns it.' })
  async undoMerge(@Arg('mergeId', () => ID) mergeId: string, @Ctx() ctx: RequestContext): Promise<Member> {
    return Member.from(await this.merges.undo(ctx, mergeId, ctx.claims.role));
  }

  @FieldResolver(() => String, { nullable: true })
  phone(@Root() m: Member, @Ctx() ctx: RequestContext): string | null {
    if (!m.phone) return null;
    return mayReadPii(ctx.claims.role) ? m.phone : maskPhone(m.phone);
  }

  @FieldResolver(() => String, { nullable: true })
  displayName(@Root() m: Member, @Ctx() ctx: RequestContext): string | null {
    if (!m.displayName) return null;
    return mayReadPii(ctx.claims.role) ? m.displayName : maskName(m.displayName);
  }

  @FieldResolver(() => [ChannelIdentity], {
    description: 'Every channel identity, including those of members merged into this one (aliases).',
  })
  async identities(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<ChannelIdentity[]> {
    return (await this.dir.identitiesOfGroup(ctx, m.doc)).map(ChannelIdentity.from);
  }

  @FieldResolver(() => Store, { nullable: true })
  async joinedStore(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Store | null> {
    if (!m.doc.joinedStoreId) return null;
    const doc = await this.dir.stores(ctx).load(m.doc.joinedStoreId);
    return doc && Store.from(doc);
  }

  @FieldResolver(() => [MemberTag])
  async tags(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<MemberTag[]> {
    return (await this.tagService.tagsOfMember(ctx, m.doc)).map(MemberTag.from);
  }

  @FieldResolver(() => LifecycleStageEnum)
  async lifecycleStage(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.insight.profile(ctx, m.doc)).stage;
  }

  @FieldResolver(() => Relationship)
  async relationship(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Relationship> {
    return Relationship.from(await this.insight.profile(ctx, m.doc));
  }

  @FieldResolver(() => [ChannelConsent], {
    description:
      'Consent to marketing per channel; a channel not listed has no recorded consent (treat as not granted).',
  })
  async consents(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<ChannelConsent[]> {
    return (await this.consentService.consentsOfMember(ctx, m.doc)).map(ChannelConsent.from);
  }
}
