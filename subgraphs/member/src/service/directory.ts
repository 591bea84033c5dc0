import { notFound } from '@zhongtai/contracts';
import { type RequestContext, byKeys, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { IdentityDoc, MemberDoc, StoreDoc } from '../domain/records.js';
import type { MemberRepository } from '../store/member-repository.js';

/** Merge chains are short; a longer one means corrupt data, not a reason to loop forever. */
const MAX_CHAIN = 16;

/**
 * Reads of the member center, batched per request: members by id (following merges to the
 * survivor), identities of a merge group, stores. Every read is confined to the caller's tenant;
 * what the caller may see is decided by the operations' policies (`../policy.ts`).
 */
export class MemberDirectory {
  constructor(readonly repo: MemberRepository) {}

  members(ctx: RequestContext) {
    return loader<string, MemberDoc | null>(ctx, 'member:byId', async (ids) =>
      byKeys(ids, await this.repo.membersByIds(ctx.tenant, ids), (d) => d._id),
    );
  }

  /** The survivor a member id leads to (itself when it was never merged). */
  async root(ctx: RequestContext, id: string): Promise<MemberDoc | null> {
    let doc = await this.members(ctx).load(id);
    for (let hops = 0; doc?.mergedInto && hops < MAX_CHAIN; hops++)
      doc = await this.members(ctx).load(doc.mergedInto);
    return doc;
  }

  /** `root`, or NOT_FOUND for an unknown id (the caller's scope was checked by the operation's policy). */
  async rootOrFail(ctx: RequestContext, memberId: string): Promise<MemberDoc> {
    const root = await this.root(ctx, memberId);
    if (!root) throw notFound(`unknown member ${memberId}`);
    return root;
  }

  /** A member as stored now (not the request's memo): after a write of this request. */
  async member(tenant: string, id: string): Promise<MemberDoc | null> {
    return this.repo.member(tenant, id);
  }

  /** The merge chain above a member: its survivor, the survivor's survivor, … up to the root. */
  async ancestors(tenant: string, doc: MemberDoc): Promise<MemberDoc[]> {
    const chain: MemberDoc[] = [];
    let current = doc;
    while (current.mergedInto && chain.length < MAX_CHAIN) {
      const up = await this.repo.member(tenant, current.mergedInto);
      if (!up) break;
      chain.push(up);
      current = up;
    }
    return chain;
  }

  /** Records a store the member joined or bought at, for it and the roots above it. */
  async addStore(tenant: string, member: MemberDoc, store: StoreDoc, at: Date): Promise<void> {
    const above = (await this.ancestors(tenant, member)).map((a) => a._id);
    await this.repo.addStore(tenant, member._id, store.storeId, store.region, above, at);
  }

  /** The ids whose records make up this member: itself and everything merged into it. */
  group(root: MemberDoc): string[] {
    return [root._id, ...(root.absorbed ?? [])];
  }

  identities(ctx: RequestContext) {
    return loader<string, IdentityDoc[]>(ctx, 'member:identities', async (ids) =>
      groupByKeys(ids, await this.repo.identitiesOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  async identitiesOfGroup(ctx: RequestContext, root: MemberDoc): Promise<IdentityDoc[]> {
    const lists = await this.identities(ctx).loadMany(this.group(root));
    return lists
      .flatMap((l) => (l instanceof Error ? [] : l))
      .sort((a, b) => new Date(a.linkedAt).getTime() - new Date(b.linkedAt).getTime());
  }

  stores(ctx: RequestContext) {
    return loader<string, StoreDoc | null>(ctx, 'member:stores', async (ids) =>
      byKeys(ids, await this.repo.storesByIds(ctx.tenant, ids), (d) => d.storeId),
    );
  }

  /** A page of the root members of a store (in id order, after the cursor) and their number. */
  async storeMembers(
    tenant: string,
    storeId: string,
    after: string | undefined,
    limit: number,
  ): Promise<{ ids: string[]; total: number }> {
    const ids = (await this.repo.membersOfStore(tenant, storeId, after, limit)).map((d) => d._id);
    return { ids, total: await this.repo.countMembersOfStore(tenant, storeId) };
  }
}
