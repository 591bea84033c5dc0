import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { IdentityService } from '../service/identity-service.js';
import type { MemberDirectory } from '../service/directory.js';
import { UpsertStoreInput } from './identify.input.js';
import { memberPage } from './member-page.js';
import { MemberConnection } from './member.type.js';
import { Store } from './store.type.js';

@Resolver(() => Store)
export class StoreResolver {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly identity: IdentityService,
  ) {}

  @Query(() => Store, { nullable: true })
  async store(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Store | null> {
    const doc = await this.dir.stores(ctx).load(id);
    return doc && Store.from(doc);
  }

  @Mutation(() => Store, {
    description: 'HQ and SYSTEM: create or update a store (master data from the ERP).',
  })
  async upsertStore(
    @Arg('input', () => UpsertStoreInput) input: UpsertStoreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Store> {
    await this.identity.upsertStore(ctx.tenant, input);
    return Store.from({ storeId: input.id, name: input.name, region: input.region });
  }

  @FieldResolver(() => MemberConnection, {
    description: "Staff: members who joined or bought at this store, within the caller's scope.",
  })
  async members(
    @Root() store: Store,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<MemberConnection> {
    // the store is in the caller's scope (policy `Store.members`), so every member of it is too
    return memberPage(ctx, this.dir, first, after, (cursor, limit) =>
      this.dir.storeMembers(ctx.tenant, store.id, cursor, limit),
    );
  }
}
