import { createHash } from 'node:crypto';
import {
  type Channel,
  MemberConsentChanged,
  MemberProfileChanged,
  badInput,
  notFound,
} from '@zhongtai/contracts';
import {
  type Clock,
  type Outbox,
  type RequestContext,
  byKeys,
  groupByKeys,
  loader,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { type FactsDoc, combineFacts, emptyFacts } from '../domain/facts.js';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../domain/lifecycle.js';
import { type Profile, profileOf } from '../domain/profile.js';
import { QUADRANTS, type Quadrant } from '../domain/relationship.js';
import { type Rule, evaluate, validateRule } from '../domain/rules.js';
import type { Definitions, ProfileRepository } from '../store/profile-repository.js';
import type { ConsentDoc, FactsRecord, MemberDoc, SegmentDoc, TagDoc, TagSource } from '../store/models.js';
import type { MemberDirectory } from './directory.js';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _.:-]{0,31}$/u;

/**
 * Tags, the profile-facts projection, lifecycle, relationship scores, segments and consents.
 * Derived values (stage, scores) are computed at read time from facts and the clock, so they never
 * go stale; segment membership and rule tags are materialised and refreshed when facts change and
 * by the periodic `refreshAll` job (time alone moves members between stages).
 */
export class ProfileService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly repo: ProfileRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ reads (batched per request)
  private tags(ctx: RequestContext) {
    return loader<string, TagDoc[]>(ctx, 'member:tags', async (ids) =>
      groupByKeys(ids, await this.repo.tagsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  private facts(ctx: RequestContext) {
    return loader<string, FactsRecord | null>(ctx, 'member:facts', async (ids) =>
      byKeys(ids, await this.repo.factsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  private consents(ctx: RequestContext) {
    return loader<string, ConsentDoc[]>(ctx, 'member:consents', async (ids) =>
      groupByKeys(ids, await this.repo.consentsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  async tagsOfMember(ctx: RequestContext, root: MemberDoc): Promise<TagDoc[]> {
    const lists = await this.tags(ctx).loadMany(this.dir.group(root));
    return firstOfEach(lists.flatMap((l) => (l instanceof Error ? [] : l)));
  }

  async profile(ctx: RequestContext, root: MemberDoc): Promise<Profile> {
    const [facts, tags] = await Promise.all([
      this.facts(ctx).loadMany(this.dir.group(root)),
      this.tagsOfMember(ctx, root),
    ]);
    const docs = facts.filter((f): f is FactsRecord => !!f && !(f instanceof Error));
    return this.compute(root, docs, tags);
  }

  async consentsOfMember(ctx: RequestContext, root: MemberDoc): Promise<ConsentDoc[]> {
    const lists = await this.consents(ctx).loadMany(this.dir.group(root));
    const latest = new Map<string, ConsentDoc>();
    for (const c of lists.flatMap((l) => (l instanceof Error ? [] : l))) {
      const seen = latest.get(c.channel);
      if (!seen || new Date(c.updatedAt) > new Date(seen.updatedAt)) latest.set(c.channel, c);
    }
    return [...latest.values()].sort((a, b) => a.channel.localeCompare(b.channel));
  }

  private compute(root: MemberDoc, facts: FactsDoc[], tags: TagDoc[]): Profile {
    return profileOf(
      {
        facts: facts.length ? combineFacts(facts) : emptyFacts(),
        tags: tags.map((t) => t.name),
        joinedAt: new Date(root.joinedAt),
        joinedChannel: root.joinedChannel,
        storeIds: root.storeIds ?? [],
      },
      this.clock.now(),
    );
  }

  // ------------------------------------------------------------------ tags and consent
  async tag(
    ctx: RequestContext,
    memberId: string,
    name: string,
    source: TagSource = 'MANUAL',
  ): Promise<MemberDoc> {
    const root = await this.memberOrFail(ctx, memberId);
    const tag = cleanTag(name);
    await this.repo.addTag(ctx.tenant, root._id, tag, source, this.clock.now());
    await this.refresh(ctx.tenant, [root._id]);
    return root;
  }

  async untag(ctx: RequestContext, memberId: string, name: string): Promise<MemberDoc> {
    const root = await this.memberOrFail(ctx, memberId);
    const tag = cleanTag(name);
    for (const id of this.dir.group(root)) await this.repo.removeTag(ctx.tenant, id, tag);
    await this.refresh(ctx.tenant, [root._id]);
    return root;
  }

  async setConsent(
    ctx: RequestContext,
    memberId: string,
    channel: Channel,
    granted: boolean,
  ): Promise<MemberDoc> {
    const root = await this.memberOrFail(ctx, memberId);
    const source =
      ctx.claims.role === 'MEMBER'
        ? 'member'
        : `${ctx.claims.role.toLowerCase()}:${ctx.claims.sub ?? ctx.claims.storeId ?? ctx.claims.region ?? ''}`;
    await this.repo.setConsent(ctx.tenant, root._id, channel, granted, source, this.clock.now());
    await this.outbox.emit(
      makeEvent(MemberConsentChanged, {
        tenant: ctx.tenant,
        key: root._id,
        producer: 'member',
        clock: this.clock,
        payload: { memberId: root._id, channel, granted, source },
      }),
    );
    return root;
  }

  private async memberOrFail(ctx: RequestContext, memberId: string): Promise<MemberDoc> {
    // the caller's scope was checked by the operation's policy
    const root = await this.dir.root(ctx, memberId);
    if (!root) throw notFound(`unknown member ${memberId}`);
    return root;
  }

  async mergesOf(tenant: string, memberIds: string[]) {
    return this.repo.mergesOf(tenant, [...new Set(memberIds)]);
  }

  async segments(tenant: string): Promise<SegmentDoc[]> {
    return this.repo.segments(tenant);
  }

  async segment(tenant: string, id: string): Promise<SegmentDoc | null> {
    return this.repo.segment(tenant, id);
  }

  async segmentPage(
    tenant: string,
    id: string,
    after: string | undefined,
    limit: number,
  ): Promise<{ ids: string[]; total: number }> {
    const [ids, total] = await Promise.all([
      this.repo.segmentMembers(tenant, id, after, limit),
      this.repo.countSegment(tenant, id),
    ]);
    return { ids, total };
  }

  async tagRules(tenant: string) {
    return this.repo.tagRules(tenant);
  }

  // ------------------------------------------------------------------ segments and rule tags
  async saveSegment(tenant: string, id: string, name: string, rule: Rule): Promise<SegmentDoc> {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
      throw badInput('segment id must be lowercase letters, digits and dashes (1..64)', { field: 'id' });
    if (!name.trim() || name.length > 64) throw badInput('name must be 1..64 characters', { field: 'name' });
    validateRule(rule);
    await this.repo.saveSegment(tenant, id, name.trim(), rule, this.clock.now());
    await this.refreshAll(tenant);
    return (await this.repo.segment(tenant, id))!;
  }

  async saveTagRule(tenant: string, tag: string, rule: Rule): Promise<void> {
    validateRule(rule);
    await this.repo.saveTagRule(tenant, cleanTag(tag), rule, this.clock.now());
    await this.refreshAll(tenant);
  }

  async deleteTagRule(tenant: string, tag: string): Promise<boolean> {
    const name = cleanTag(tag);
    const removed = await this.repo.deleteTagRule(tenant, name);
    if (removed) await this.refreshAll(tenant);
    return removed;
  }

  /**
   * Re-evaluates segments and rule tags of the members behind `memberIds` (their survivors), and
   * tells other subgraphs when a member's targeting profile changed.
   */
  async refresh(tenant: string, memberIds: string[]): Promise<void> {
    const { segments, rules } = await this.repo.definitions(tenant);
    const roots = new Map<string, MemberDoc>();
    for (const id of memberIds) {
      const root = await this.rootOf(tenant, id);
      if (root) roots.set(root._id, root);
    }
    for (const root of roots.values()) await this.refreshOne(tenant, root, segments, rules);
  }

  /** The periodic job: every member of the tenant (time moves members between stages and segments). */
  async refreshAll(tenant: string): Promise<number> {
    const { segments, rules } = await this.repo.definitions(tenant);
    let n = 0;
    for await (const page of this.dir.repo.roots(tenant)) {
      for (const root of page) await this.refreshOne(tenant, root, segments, rules);
      n += page.length;
    }
    return n;
  }

  private async rootOf(tenant: string, id: string): Promise<MemberDoc | null> {
    const doc = await this.dir.repo.member(tenant, id);
    if (!doc) return null;
    const chain = await this.dir.ancestors(tenant, doc);
    return chain.length ? chain[chain.length - 1] : doc;
  }

  private async refreshOne(
    tenant: string,
    root: MemberDoc,
    segments: Definitions['segments'],
    rules: Definitions['rules'],
  ): Promise<void> {
    const group = this.dir.group(root);
    const [facts, tags] = await Promise.all([
      this.repo.factsOf(tenant, group),
      this.repo.tagsOf(tenant, group),
    ]);
    const now = this.clock.now();
    // rule tags first: segments may test them
    let current = firstOfEach(tags);
    let retagged = false;
    for (const r of rules) {
      const others = current.filter((t) => !(t.name === r.tag && t.source === 'RULE'));
      const wants = evaluate(r.rule, this.compute(root, facts, others).view);
      const has = current.some((t) => t.name === r.tag);
      if (wants && !has) {
        await this.repo.addTag(tenant, root._id, r.tag, 'RULE', now);
        retagged = true;
      }
      if (!wants && current.some((t) => t.name === r.tag && t.source === 'RULE')) {
        for (const id of group) await this.repo.removeTag(tenant, id, r.tag, 'RULE');
        retagged = true;
      }
    }
    if (retagged) current = firstOfEach(await this.repo.tagsOf(tenant, group));
    const profile = this.compute(root, facts, current);
    const before = new Set(await this.repo.segmentIdsOf(tenant, root._id));
    const after: string[] = [];
    for (const s of segments) {
      const inIt = evaluate(s.rule, profile.view);
      if (inIt) after.push(s.segmentId);
      if (inIt && !before.has(s.segmentId)) await this.repo.joinSegment(tenant, s.segmentId, root._id, now);
      if (!inIt && before.has(s.segmentId)) await this.repo.leaveSegment(tenant, s.segmentId, root._id);
    }
    const payload = {
      memberId: root._id,
      tags: current.map((t) => t.name).sort(),
      segments: after.sort(),
      tier: profile.view.tier,
      lifecycleStage: profile.stage,
      storeIds: [...(root.storeIds ?? [])].sort(),
    };
    // the event id is the content hash: an unchanged profile is not announced again
    const hash = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 16);
    await this.outbox.emit(
      makeEvent(MemberProfileChanged, {
        id: `member.profileChanged:${root._id}:${hash}`,
        tenant,
        key: root._id,
        producer: 'member',
        clock: this.clock,
        payload,
      }),
    );
  }

  // ------------------------------------------------------------------ insight
  /** Members per quadrant of the relationship matrix (R-AN-1), for one store or the whole tenant. */
  async matrix(
    tenant: string,
    scope: { storeId?: string; region?: string },
  ): Promise<{ total: number; cells: Array<{ quadrant: Quadrant; count: number }> }> {
    const counts = new Map<Quadrant, number>(QUADRANTS.map((q) => [q, 0]));
    const total = await this.scan(tenant, scope, (p) => counts.set(p.quadrant, counts.get(p.quadrant)! + 1));
    return { total, cells: QUADRANTS.map((quadrant) => ({ quadrant, count: counts.get(quadrant)! })) };
  }

  /** Members per lifecycle stage (R-AN-2). */
  async funnel(
    tenant: string,
    scope: { storeId?: string; region?: string },
  ): Promise<{ total: number; stages: Array<{ stage: LifecycleStage; count: number }> }> {
    const counts = new Map<LifecycleStage, number>(LIFECYCLE_STAGES.map((s) => [s, 0]));
    const total = await this.scan(tenant, scope, (p) => counts.set(p.stage, counts.get(p.stage)! + 1));
    return { total, stages: LIFECYCLE_STAGES.map((stage) => ({ stage, count: counts.get(stage)! })) };
  }

  /** One pass over the members (a page of 500 and their facts and tags at a time). */
  private async scan(
    tenant: string,
    scope: { storeId?: string; region?: string },
    visit: (p: Profile) => void,
  ): Promise<number> {
    let total = 0;
    for await (const page of this.dir.repo.roots(tenant, scope)) {
      const ids = page.flatMap((r) => this.dir.group(r));
      const [facts, tags] = await Promise.all([
        this.repo.factsOf(tenant, ids),
        this.repo.tagsOf(tenant, ids),
      ]);
      const factsBy = new Map(facts.map((f) => [f.memberId, f]));
      const tagsBy = groupByKeys(ids, tags, (t) => t.memberId);
      const tagIndex = new Map(ids.map((id, i) => [id, tagsBy[i]]));
      for (const root of page) {
        const group = this.dir.group(root);
        visit(
          this.compute(
            root,
            group.map((id) => factsBy.get(id)).filter((f): f is FactsRecord => !!f),
            firstOfEach(group.flatMap((id) => tagIndex.get(id) ?? [])),
          ),
        );
      }
      total += page.length;
    }
    return total;
  }
}

/** One tag per name: the earliest wins (its source and time are the ones that count). */
function firstOfEach(tags: TagDoc[]): TagDoc[] {
  const byName = new Map<string, TagDoc>();
  for (const t of tags) {
    const seen = byName.get(t.name);
    if (!seen || new Date(t.addedAt) < new Date(seen.addedAt)) byName.set(t.name, t);
  }
  return [...byName.values()].sort((a, b) => new Date(a.addedAt).getTime() - new Date(b.addedAt).getTime());
}

function cleanTag(name: string): string {
  const tag = name?.trim();
  if (!tag || !TAG.test(tag))
    throw badInput('a tag is 1..32 letters, digits, spaces or _.:- and starts with a letter or digit', {
      field: 'tag',
    });
  return tag;
}
