import { type Clock, type RequestContext, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { MemberDoc, TagDoc, TagRuleDoc, TagSource } from '../domain/records.js';
import { type Rule, validateRule } from '../domain/rules.js';
import { cleanTag, firstOfEach } from '../domain/tags.js';
import type { ProfileRepository } from '../store/profile-repository.js';
import type { MemberDirectory } from './directory.js';
import type { SegmentService } from './segment-service.js';

/**
 * Tags of a member (manual, rule, survey, campaign, import; the first source and time of a tag are
 * kept) and the tenant's tag rules. A change re-evaluates the member's rule tags and segments.
 */
export class TagService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly repo: ProfileRepository,
    private readonly segments: SegmentService,
    private readonly clock: Clock,
  ) {}

  private tags(ctx: RequestContext) {
    return loader<string, TagDoc[]>(ctx, 'member:tags', async (ids) =>
      groupByKeys(ids, await this.repo.tagsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  /** The tags of a member's merge group, one per name (batched per request). */
  async tagsOfMember(ctx: RequestContext, root: MemberDoc): Promise<TagDoc[]> {
    const lists = await this.tags(ctx).loadMany(this.dir.group(root));
    return firstOfEach(lists.flatMap((l) => (l instanceof Error ? [] : l)));
  }

  /** Adds a tag (idempotent: a tag the member has keeps its first source and time). */
  async tag(
    ctx: RequestContext,
    memberId: string,
    name: string,
    source: TagSource = 'MANUAL',
  ): Promise<MemberDoc> {
    const root = await this.dir.rootOrFail(ctx, memberId);
    const tag = cleanTag(name);
    await this.repo.addTag(ctx.tenant, root._id, tag, source, this.clock.now());
    await this.segments.refresh(ctx.tenant, [root._id]);
    return root;
  }

  /** Removes a tag from the whole merge group, whatever its source (a rule may add it again). */
  async untag(ctx: RequestContext, memberId: string, name: string): Promise<MemberDoc> {
    const root = await this.dir.rootOrFail(ctx, memberId);
    const tag = cleanTag(name);
    for (const id of this.dir.group(root)) await this.repo.removeTag(ctx.tenant, id, tag);
    await this.segments.refresh(ctx.tenant, [root._id]);
    return root;
  }

  async tagRules(tenant: string): Promise<TagRuleDoc[]> {
    return this.repo.tagRules(tenant);
  }

  /** A tag the member center adds and removes by itself (source RULE); every member re-evaluated. */
  async saveTagRule(tenant: string, tag: string, rule: Rule): Promise<void> {
    validateRule(rule);
    await this.repo.saveTagRule(tenant, cleanTag(tag), rule, this.clock.now());
    await this.segments.refreshAll(tenant);
  }

  async deleteTagRule(tenant: string, tag: string): Promise<boolean> {
    const name = cleanTag(tag);
    const removed = await this.repo.deleteTagRule(tenant, name);
    if (removed) await this.segments.refreshAll(tenant);
    return removed;
  }
}
