import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Channel, badInput, forbidden, mayReadPii } from '@zhongtai/contracts';
import { ChannelEnum, type RequestContext, STAFF, requireRole } from '@zhongtai/subgraph-kit';
import { maskName, maskPhone } from '../domain/pii.js';
import type { MemberService } from '../service/member-service.js';
import { IdentifyMemberInput, IdentifyMemberPayload } from './identify.input.js';
import { ChannelIdentity, Member } from './member.type.js';
import { Store } from './store.type.js';

@Resolver(() => Member)
export class MemberResolver {
  constructor(private readonly members: MemberService) {}

  @Query(() => Member, { nullable: true })
  async member(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Member | null> {
    const doc = await this.members.visibleMember(ctx, id);
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
    const docs = await Promise.all(ids.map((id) => this.members.visibleMember(ctx, id)));
    return docs.map((d) => d && Member.from(d));
  }

  @Query(() => Member, { nullable: true })
  async memberByIdentity(
    @Arg('channel', () => ChannelEnum) channel: Channel,
    @Arg('externalId', () => String) externalId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Member | null> {
    const doc = await this.members.memberByIdentity(ctx, channel, externalId);
    return doc && Member.from(doc);
  }

  @Query(() => Member, { nullable: true, description: 'Staff roles only.' })
  async memberByPhone(
    @Arg('phone', () => String) phone: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Member | null> {
    requireRole(ctx, ...STAFF);
    const doc = await this.members.memberByPhone(ctx, phone);
    return doc && Member.from(doc);
  }

  @Query(() => Member, { nullable: true, description: "The member in the caller's token (role MEMBER)." })
  async me(@Ctx() ctx: RequestContext): Promise<Member | null> {
    if (ctx.claims.role !== 'MEMBER' || !ctx.claims.memberId) return null;
    const doc = await this.members.visibleMember(ctx, ctx.claims.memberId);
    return doc && Member.from(doc);
  }

  @Mutation(() => IdentifyMemberPayload)
  async identifyMember(
    @Arg('input', () => IdentifyMemberInput) input: IdentifyMemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<IdentifyMemberPayload> {
    requireRole(ctx, ...STAFF);
    if (ctx.claims.role === 'CLERK') {
      // a clerk identifies customers at its own store
      if (input.storeId && input.storeId !== ctx.claims.storeId)
        throw forbidden('A clerk can only identify customers at its own store');
      input.storeId = ctx.claims.storeId;
    }
    const result = await this.members.identify(ctx, input);
    return Object.assign(new IdentifyMemberPayload(), {
      member: Member.from(result.member),
      created: result.created,
      linked: result.linked,
    });
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

  @FieldResolver(() => [ChannelIdentity])
  async identities(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<ChannelIdentity[]> {
    const docs = await this.members.identities(ctx).load(m.id);
    return docs.map((d) =>
      Object.assign(new ChannelIdentity(), {
        channel: d.channel,
        externalId: d.externalId,
        linkedAt: d.linkedAt,
      }),
    );
  }

  @FieldResolver(() => Store, { nullable: true })
  async joinedStore(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Store | null> {
    if (!m.doc.joinedStoreId) return null;
    const doc = await this.members.stores(ctx).load(m.doc.joinedStoreId);
    return doc && Store.from(doc);
  }
}
