import { type Clock, type RequestContext, byKeys, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../domain/lifecycle.js';
import { type Profile, memberProfile } from '../domain/profile.js';
import type { FactsRecord, MemberDoc } from '../domain/records.js';
import { QUADRANTS, type Quadrant } from '../domain/relationship.js';
import { firstOfEach } from '../domain/tags.js';
import type { ProfileRepository } from '../store/profile-repository.js';
import type { MemberDirectory } from './directory.js';
import type { TagService } from './tag-service.js';

/** Which members an insight covers: one store, one region, or (neither) the tenant. */
export interface InsightScope {
  storeId?: string;
  region?: string;
}

/**
 * What the member center derives from profile facts (R-AN-1, R-AN-2): a member's lifecycle stage
 * and relationship scores, and the counts per quadrant and stage over a scope. Derived values are
 * computed at read time from facts and the clock, so they never go stale.
 */
export class InsightService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly repo: ProfileRepository,
    private readonly tags: TagService,
    private readonly clock: Clock,
  ) {}

  private facts(ctx: RequestContext) {
    return loader<string, FactsRecord | null>(ctx, 'member:facts', async (ids) =>
      byKeys(ids, await this.repo.factsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  /** A member's profile now (batched per request): stage, scores, what rules see. */
  async profile(ctx: RequestContext, root: MemberDoc): Promise<Profile> {
    const [facts, tags] = await Promise.all([
      this.facts(ctx).loadMany(this.dir.group(root)),
      this.tags.tagsOfMember(ctx, root),
    ]);
    const docs = facts.filter((f): f is FactsRecord => !!f && !(f instanceof Error));
    return memberProfile(root, docs, tags, this.clock.now());
  }

  /** Members per quadrant of the relationship matrix (R-AN-1), for one store or the whole tenant. */
  async matrix(
    tenant: string,
    scope: InsightScope,
  ): Promise<{ total: number; cells: Array<{ quadrant: Quadrant; count: number }> }> {
    const counts = new Map<Quadrant, number>(QUADRANTS.map((q) => [q, 0]));
    const total = await this.scan(tenant, scope, (p) => counts.set(p.quadrant, counts.get(p.quadrant)! + 1));
    return { total, cells: QUADRANTS.map((quadrant) => ({ quadrant, count: counts.get(quadrant)! })) };
  }

  /** Members per lifecycle stage (R-AN-2). */
  async funnel(
    tenant: string,
    scope: InsightScope,
  ): Promise<{ total: number; stages: Array<{ stage: LifecycleStage; count: number }> }> {
    const counts = new Map<LifecycleStage, number>(LIFECYCLE_STAGES.map((s) => [s, 0]));
    const total = await this.scan(tenant, scope, (p) => counts.set(p.stage, counts.get(p.stage)! + 1));
    return { total, stages: LIFECYCLE_STAGES.map((stage) => ({ stage, count: counts.get(stage)! })) };
  }

  /** One pass over the members (a page of 500 and their facts and tags at a time). */
  private async scan(tenant: string, scope: InsightScope, visit: (p: Profile) => void): Promise<number> {
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
          memberProfile(
            root,
            group.map((id) => factsBy.get(id)).filter((f): f is FactsRecord => !!f),
            firstOfEach(group.flatMap((id) => tagIndex.get(id) ?? [])),
            this.clock.now(),
          ),
        );
      }
      total += page.length;
    }
    return total;
  }
}
