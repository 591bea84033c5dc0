import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Claims } from '@zhongtai/contracts';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { InsightScope, InsightService } from '../service/insight-service.js';
import { LifecycleFunnel, RelationshipMatrix } from './member.type.js';

/**
 * The members an insight query covers: the store asked for (its policy checked it is in the
 * caller's scope), or else the caller's own scope — a clerk's store, a manager's region, the tenant.
 */
function scopeFor(claims: Claims, storeId: string | null | undefined): InsightScope {
  if (storeId) return { storeId };
  if (claims.role === 'CLERK') return { storeId: claims.storeId };
  if (claims.role === 'STORE_MANAGER') return { region: claims.region };
  return {};
}

@Resolver()
export class InsightResolver {
  constructor(private readonly insight: InsightService) {}

  @Query(() => RelationshipMatrix, {
    description: "Members per relationship quadrant: a store, the caller's region or store, or the tenant.",
  })
  async relationshipMatrix(
    @Arg('storeId', () => ID, { nullable: true }) storeId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RelationshipMatrix> {
    return RelationshipMatrix.from(await this.insight.matrix(ctx.tenant, scopeFor(ctx.claims, storeId)));
  }

  @Query(() => LifecycleFunnel, {
    description: 'Members per lifecycle stage for the same scopes as relationshipMatrix.',
  })
  async lifecycleFunnel(
    @Arg('storeId', () => ID, { nullable: true }) storeId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<LifecycleFunnel> {
    return LifecycleFunnel.from(await this.insight.funnel(ctx.tenant, scopeFor(ctx.claims, storeId)));
  }
}
