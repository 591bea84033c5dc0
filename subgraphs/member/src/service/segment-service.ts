import { createHash } from 'node:crypto';
import { type EventEnvelope, MemberProfileChanged } from '@zhongtai/contracts';
import { type Clock, type Outbox, makeEvent } from '@zhongtai/subgraph-kit';
import { memberProfile } from '../domain/profile.js';
import type { Definitions, MemberDoc, SegmentDoc } from '../domain/records.js';
import { type Rule, validateRule } from '../domain/rules.js';
import { checkSegment, segmentChanges } from '../domain/segments.js';
import { firstOfEach, ruleTagChanges } from '../domain/tags.js';
import type { ProfileRepository } from '../store/profile-repository.js';
import type { MemberDirectory } from './directory.js';

/**
 * Segments (R-CT-2) and the refresh of every member's targeting profile. Segment membership and
 * rule tags are materialised: re-evaluated when a member's facts or tags change (`refresh`) and
 * by the periodic job over every member (`refreshAll`: time alone moves members between stages and
 * segments). A refresh announces `member.profileChanged` for content and campaigns.
 */
export class SegmentService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly repo: ProfileRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async segments(tenant: string): Promise<SegmentDoc[]> {
    return this.repo.segments(tenant);
  }

  async segment(tenant: string, id: string): Promise<SegmentDoc | null> {
    return this.repo.segment(tenant, id);
  }

  /** A page of a segment's member ids (in id order, after the cursor) and the segment's size. */
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

  /** Creates or changes a segment; its membership is recomputed at once. */
  async saveSegment(tenant: string, id: string, name: string, rule: Rule): Promise<SegmentDoc> {
    const segment = checkSegment(id, name);
    validateRule(rule);
    await this.repo.saveSegment(tenant, segment.id, segment.name, rule, this.clock.now());
    await this.refreshAll(tenant);
    return (await this.repo.segment(tenant, id))!;
  }

  /**
   * Re-evaluates segments and rule tags of the members behind `memberIds` (their survivors), and
   * tells other subgraphs when a member's targeting profile changed.
   */
  async refresh(tenant: string, memberIds: string[]): Promise<void> {
    const { segments, rules } = await this.repo.definitions(tenant);
    // many at once (a batch of orders): their documents in one read, then each root's from the cache
    if (memberIds.length > 1) await this.dir.repo.membersByIds(tenant, memberIds);
    const roots = new Map<string, MemberDoc>();
    for (const id of memberIds) {
      const root = await this.rootOf(tenant, id);
      if (root) roots.set(root._id, root);
    }
    await this.refreshMany(tenant, [...roots.values()], segments, rules);
  }

  /** Every member of the tenant (time moves members between stages and segments). */
  async refreshAll(tenant: string): Promise<number> {
    const { segments, rules } = await this.repo.definitions(tenant);
    let n = 0;
    for await (const page of this.dir.repo.roots(tenant)) {
      await this.refreshMany(tenant, page, segments, rules);
      n += page.length;
    }
    return n;
  }

  /** The periodic job: `refreshAll` of every tenant. */
  async refreshEveryTenant(): Promise<void> {
    for (const tenant of await this.dir.repo.tenants()) await this.refreshAll(tenant);
  }

  private async rootOf(tenant: string, id: string): Promise<MemberDoc | null> {
    const doc = await this.dir.repo.member(tenant, id);
    if (!doc) return null;
    const chain = await this.dir.ancestors(tenant, doc);
    return chain.length ? chain[chain.length - 1] : doc;
  }

  /**
   * Roots re-evaluated together: what they read fetched for all of them first (one read per kind),
   * the profiles that changed announced in one outbox write and marked in one.
   */
  private async refreshMany(
    tenant: string,
    roots: MemberDoc[],
    segments: Definitions['segments'],
    rules: Definitions['rules'],
  ): Promise<void> {
    if (roots.length > 1) {
      const everyone = roots.flatMap((r) => this.dir.group(r));
      await Promise.all([
        this.repo.factsOf(tenant, everyone),
        this.repo.tagsOf(tenant, everyone),
        this.repo.segmentIdsOfMany(
          tenant,
          roots.map((r) => r._id),
        ),
      ]);
    }
    const changed: Announcement[] = [];
    for (const root of roots) {
      const a = await this.refreshOne(tenant, root, segments, rules);
      if (a) changed.push(a);
    }
    if (!changed.length) return;
    await this.outbox.emit(...changed.map((c) => c.event));
    await this.dir.repo.markProfilesAnnounced(tenant, changed);
  }

  /** One root's rule tags and segments: its profile's announcement when it changed. */
  private async refreshOne(
    tenant: string,
    root: MemberDoc,
    segments: Definitions['segments'],
    rules: Definitions['rules'],
  ): Promise<Announcement | null> {
    const group = this.dir.group(root);
    const [facts, tags] = await Promise.all([
      this.repo.factsOf(tenant, group),
      this.repo.tagsOf(tenant, group),
    ]);
    const now = this.clock.now();
    // rule tags first: segments may test them
    let current = firstOfEach(tags);
    const retag = ruleTagChanges(rules, current, (t) => memberProfile(root, facts, t, now).view);
    for (const { tag, change } of retag) {
      if (change === 'add') await this.repo.addTag(tenant, root._id, tag, 'RULE', now);
      else for (const id of group) await this.repo.removeTag(tenant, id, tag, 'RULE');
    }
    if (retag.length) current = firstOfEach(await this.repo.tagsOf(tenant, group));
    const profile = memberProfile(root, facts, current, now);
    const before = new Set(await this.repo.segmentIdsOf(tenant, root._id));
    const { members, join, leave } = segmentChanges(segments, profile.view, before);
    for (const id of join) await this.repo.joinSegment(tenant, id, root._id, now);
    for (const id of leave) await this.repo.leaveSegment(tenant, id, root._id);
    const payload = {
      memberId: root._id,
      tags: current.map((t) => t.name).sort(),
      segments: members.sort(),
      tier: profile.view.tier,
      lifecycleStage: profile.stage,
      storeIds: [...(root.storeIds ?? [])].sort(),
      // only when known: the announcement (and its hash) of a member without one stays as it was
      ...(root.birthday ? { birthday: root.birthday } : {}),
    };
    // an unchanged profile is not announced again (the member keeps the hash of its last one, so a
    // restart announces nothing new either); a changed one always is, even back to an earlier state
    // (A → B → A: the id carries the time, so the outbox never takes it for the first A)
    const hash = createHash('sha256').update(JSON.stringify(payload)).digest('hex').slice(0, 16);
    if (root.announcedProfile === hash) return null;
    return {
      id: root._id,
      hash,
      event: makeEvent(MemberProfileChanged, {
        id: `member.profileChanged:${root._id}:${hash}:${now.getTime()}`,
        tenant,
        key: root._id,
        producer: 'member',
        clock: this.clock,
        payload,
      }),
    };
  }
}

interface Announcement {
  id: string;
  hash: string;
  event: EventEnvelope;
}
