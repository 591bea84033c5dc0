import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { type RequestContext, TENANT_WIDE, requireRole } from '@zhongtai/subgraph-kit';
import type { MemberService } from '../service/member-service.js';
import { UpsertStoreInput } from './identify.input.js';
import { Store } from './store.type.js';

@Resolver(() => Store)
export class StoreResolver {
  constructor(private readonly members: MemberService) {}

  @Query(() => Store, { nullable: true })
  async store(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Store | null> {
    const doc = await this.members.stores(ctx).load(id);
    return doc && Store.from(doc);
  }

  @Mutation(() => Store, {
    description: 'HQ and SYSTEM: create or update a store (master data from the ERP).',
  })
  async upsertStore(
    @Arg('input', () => UpsertStoreInput) input: UpsertStoreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Store> {
    requireRole(ctx, ...TENANT_WIDE);
    await this.members.upsertStore(ctx.tenant, input);
    return Object.assign(new Store(), input);
  }
}
