import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Claims, badInput } from '@zhongtai/contracts';
import { type RequestContext, decodeCursor, encodeCursor } from '@zhongtai/subgraph-kit';
import type { MemberDirectory } from '../service/directory.js';
import type { ProfileService } from '../service/profile-service.js';
import type { SegmentDoc } from '../store/models.js';
import {
  LifecycleFunnel,
  Member,
  MemberConnection,
  QuadrantCount,
  RelationshipMatrix,
  StageCount,
} from './member.type.js';
import { SaveSegmentInput, SaveTagRuleInput, Segment, TagRule, ruleOf, toRule } from './segment.type.js';

const toSegment = (d: SegmentDoc) =>
  Object.assign(new Segment(), { id: d.segmentId, name: d.name, rule: toRule(d.rule) });

/**
 * The members an insight query covers: the store asked for (its policy checked it is in the
 * caller's scope), or else the caller's own scope — a clerk's store, a manager's region, the tenant.
 */
function scopeFor(claims: Claims, storeId: string | null | undefined): { storeId?: string; region?: string } {
  if (storeId) return { storeId };
  if (claims.role === 'CLERK') return { storeId: claims.storeId };
  if (claims.role === 'STORE_MANAGER') return { region: claims.region };
  return {};
}

@Resolver(() => Segment)
export class InsightResolver {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly profiles: ProfileService,
  ) {}

  @Query(() => RelationshipMatrix, {
    description: "Members per relationship quadrant: a store, the caller's region or store, or the tenant.",
  })
  async relationshipMatrix(
    @Arg('storeId', () => ID, { nullable: true }) storeId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RelationshipMatrix> {
    const m = await this.profiles.matrix(ctx.tenant, scopeFor(ctx.claims, storeId));
    return Object.assign(new RelationshipMatrix(), {
      total: m.total,
      cells: m.cells.map((c) => Object.assign(new QuadrantCount(), c)),
    });
  }

  @Query(() => LifecycleFunnel, {
    description: 'Members per lifecycle stage for the same scopes as relationshipMatrix.',
  })
  async lifecycleFunnel(
    @Arg('storeId', () => ID, { nullable: true }) storeId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<LifecycleFunnel> {
    const f = await this.profiles.funnel(ctx.tenant, scopeFor(ctx.claims, storeId));
    return Object.assign(new LifecycleFunnel(), {
      total: f.total,
      stages: f.stages.map((s) => Object.assign(new StageCount(), s)),
    });
  }

  @Query(() => [Segment], { description: 'HQ and SYSTEM.' })
  async segments(@Ctx() ctx: RequestContext): Promise<Segment[]> {
    return (await this.profiles.segments(ctx.tenant)).map(toSegment);
  }

  @Query(() => Segment, { nullable: true, description: 'HQ and SYSTEM.' })
  async segment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Segment | null> {
    const doc = await this.profiles.segment(ctx.tenant, id);
    return doc && toSegment(doc);
  }

  @Query(() => [TagRule], { description: 'Staff.' })
  async tagRules(@Ctx() ctx: RequestContext): Promise<TagRule[]> {
    return (await this.profiles.tagRules(ctx.tenant)).map((r) =>
      Object.assign(new TagRule(), { tag: r.tag, rule: toRule(r.rule) }),
    );
  }

  @Mutation(() => Segment, {
    description: 'HQ and SYSTEM: create or change a segment; membership is recomputed at once.',
  })
  async saveSegment(
    @Arg('input', () => SaveSegmentInput) input: SaveSegmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Segment> {
    return toSegment(await this.profiles.saveSegment(ctx.tenant, input.id, input.name, ruleOf(input.rule)));
  }

  @Mutation(() => TagRule, {
    description: 'HQ and SYSTEM: a tag the member center maintains by itself (source RULE).',
  })
  async saveTagRule(
    @Arg('input', () => SaveTagRuleInput) input: SaveTagRuleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TagRule> {
    const rule = ruleOf(input.rule);
    await this.profiles.saveTagRule(ctx.tenant, input.tag, rule);
    return Object.assign(new TagRule(), { tag: input.tag.trim(), rule: toRule(rule) });
  }

  @Mutation(() => Boolean, { description: 'HQ and SYSTEM: removes a tag rule and the tags it added.' })
  async deleteTagRule(@Arg('tag', () => String) tag: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return this.profiles.deleteTagRule(ctx.tenant, tag);
  }

  @FieldResolver(() => Int)
  async count(@Root() s: Segment, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.profiles.segmentPage(ctx.tenant, s.id, undefined, 0)).total;
  }

  @FieldResolver(() => MemberConnection)
  async members(
    @Root() s: Segment,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<MemberConnection> {
    return memberPage(ctx, this.dir, first, after, (cursor, limit) =>
      this.profiles.segmentPage(ctx.tenant, s.id, cursor, limit),
    );
  }
}

/** A page of members by id order with a keyset cursor (the last id), shared by segments and stores. */
export async function memberPage(
  ctx: RequestContext,
  dir: MemberDirectory,
  first: number,
  after: string | null | undefined,
  fetch: (after: string | undefined, limit: number) => Promise<{ ids: string[]; total: number }>,
): Promise<MemberConnection> {
  if (!Number.isInteger(first) || first < 0 || first > 100)
    throw badInput('first must be between 0 and 100', { field: 'first' });
  const cursor = after ? decodeCursor<string>(after) : undefined;
  const { ids, total } = await fetch(cursor, first + 1);
  const page = ids.slice(0, first);
  const docs = await dir.members(ctx).loadMany(page);
  const nodes = docs.flatMap((d) => (d && !(d instanceof Error) ? [Member.from(d)] : []));
  return Object.assign(new MemberConnection(), {
    nodes,
    totalCount: total,
    pageInfo: {
      hasNextPage: ids.length > first,
      endCursor: page.length ? encodeCursor(page[page.length - 1]) : null,
    },
  });
}
