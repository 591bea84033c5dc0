import type { RequestContext } from '../context.js';
import { loader } from '../loaders.js';
import { type Facts, type MemberScope, type Subject, decide } from './decide.js';

/** Where the authorizer learns member scopes and store regions (the member center owns both). */
export interface ScopeSource {
  /**
   * Scopes of these member ids (unknown ids are left out) and regions of these stores. `fresh`
   * bypasses any cache: asked once before a denial, so a scope that widened a moment ago (a join or
   * a purchase whose event is still on its way) never refuses a legitimate call.
   */
  lookup(
    tenant: string,
    memberIds: readonly string[],
    storeIds: readonly string[],
    fresh: boolean,
  ): Promise<{ members: MemberScope[]; stores: Array<{ storeId: string; region: string }> }>;
}

/**
 * Answers "may this caller act on this subject?" for every policy of a subgraph. HQ and SYSTEM
 * never cost a lookup; other roles cost at most one batched lookup per request (DataLoader), served
 * from the cache in the common case.
 */
export class Authorizer {
  constructor(private readonly source: ScopeSource) {}

  async allows(ctx: RequestContext, subject: Subject): Promise<boolean> {
    const { claims } = ctx;
    if (claims.role === 'HQ' || claims.role === 'SYSTEM') return true;
    const needs = this.needs(ctx, subject);
    const facts = await this.facts(ctx, needs, false);
    if (decide(claims, subject, facts)) return true;
    if (!needs.member && !needs.self && !needs.store) return false;
    return decide(claims, subject, await this.facts(ctx, needs, true));
  }

  /** What the member center knows of `memberId` in the caller's tenant (asked afresh before saying none). */
  async member(ctx: RequestContext, memberId: string): Promise<MemberScope | null> {
    return (await this.members(ctx, false).load(memberId)) ?? (await this.members(ctx, true).load(memberId));
  }

  /** Which facts the decision needs for this caller; none when the subject's own facets decide it. */
  private needs(ctx: RequestContext, s: Subject): { member?: string; self?: string; store?: string } {
    const { claims } = ctx;
    const memberId = s.member ? undefined : (s.memberId ?? undefined);
    switch (claims.role) {
      case 'MEMBER': {
        const id = s.memberId ?? s.member?.memberId;
        if (!id || id === claims.memberId || s.member?.rootId === claims.memberId) return {};
        return { member: memberId, self: claims.memberId };
      }
      case 'CLERK':
        return s.storeId && s.storeId === claims.storeId ? {} : { member: memberId };
      case 'STORE_MANAGER':
        return { member: memberId, store: s.storeId && !s.region ? s.storeId : undefined };
      default:
        return {};
    }
  }

  private async facts(
    ctx: RequestContext,
    needs: { member?: string; self?: string; store?: string },
    fresh: boolean,
  ): Promise<Facts> {
    const facts: Facts = {};
    const members = needs.member || needs.self ? this.members(ctx, fresh) : undefined;
    const [member, self, storeRegion] = await Promise.all([
      needs.member ? members!.load(needs.member) : undefined,
      needs.self ? members!.load(needs.self) : undefined,
      needs.store ? this.regions(ctx, fresh).load(needs.store) : undefined,
    ]);
    if (needs.member) facts.member = member ?? null;
    if (needs.self) facts.self = self ?? null;
    if (needs.store) facts.storeRegion = storeRegion ?? null;
    return facts;
  }

  private members(ctx: RequestContext, fresh: boolean) {
    return loader<string, MemberScope | null>(ctx, `authz:members:${fresh}`, async (ids) => {
      const { members } = await this.source.lookup(ctx.tenant, ids, [], fresh);
      const byId = new Map(members.map((m) => [m.memberId, m]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  private regions(ctx: RequestContext, fresh: boolean) {
    return loader<string, string | null>(ctx, `authz:stores:${fresh}`, async (ids) => {
      const { stores } = await this.source.lookup(ctx.tenant, [], ids, fresh);
      const byId = new Map(stores.map((s) => [s.storeId, s.region]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }
}
