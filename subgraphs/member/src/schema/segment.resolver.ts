import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { MemberDirectory } from '../service/directory.js';
import type { SegmentService } from '../service/segment-service.js';
import type { TagService } from '../service/tag-service.js';
import { memberPage } from './member-page.js';
import { MemberConnection } from './member.type.js';
import { SaveSegmentInput, SaveTagRuleInput, Segment, TagRule, ruleOf } from './segment.type.js';

/** Segments and tag rules (the tenant's definitions), and each segment's members. */
@Resolver(() => Segment)
export class SegmentResolver {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly segmentService: SegmentService,
    private readonly tags: TagService,
  ) {}

  @Query(() => [Segment], { description: 'HQ and SYSTEM.' })
  async segments(@Ctx() ctx: RequestContext): Promise<Segment[]> {
    return (await this.segmentService.segments(ctx.tenant)).map(Segment.from);
  }

  @Query(() => Segment, { nullable: true, description: 'HQ and SYSTEM.' })
  async segment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Segment | null> {
    const doc = await this.segmentService.segment(ctx.tenant, id);
    return doc && Segment.from(doc);
  }

  @Query(() => [TagRule], { description: 'Staff.' })
  async tagRules(@Ctx() ctx: RequestContext): Promise<TagRule[]> {
    return (await this.tags.tagRules(ctx.tenant)).map(TagRule.from);
  }

  @Mutation(() => Segment, {
    description: 'HQ and SYSTEM: create or change a segment; membership is recomputed at once.',
  })
  async saveSegment(
    @Arg('input', () => SaveSegmentInput) input: SaveSegmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Segment> {
    return Segment.from(
      await this.segmentService.saveSegment(ctx.tenant, input.id, input.name, ruleOf(input.rule)),
    );
  }

  @Mutation(() => TagRule, {
    description: 'HQ and SYSTEM: a tag the member center maintains by itself (source RULE).',
  })
  async saveTagRule(
    @Arg('input', () => SaveTagRuleInput) input: SaveTagRuleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TagRule> {
    const rule = ruleOf(input.rule);
    await this.tags.saveTagRule(ctx.tenant, input.tag, rule);
    return TagRule.from({ tag: input.tag.trim(), rule });
  }

  @Mutation(() => Boolean, { description: 'HQ and SYSTEM: removes a tag rule and the tags it added.' })
  async deleteTagRule(@Arg('tag', () => String) tag: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return this.tags.deleteTagRule(ctx.tenant, tag);
  }

  @FieldResolver(() => Int)
  async count(@Root() s: Segment, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.segmentService.segmentPage(ctx.tenant, s.id, undefined, 0)).total;
  }

  @FieldResolver(() => MemberConnection)
  async members(
    @Root() s: Segment,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<MemberConnection> {
    return memberPage(ctx, this.dir, first, after, (cursor, limit) =>
      this.segmentService.segmentPage(ctx.tenant, s.id, cursor, limit),
    );
  }
}
