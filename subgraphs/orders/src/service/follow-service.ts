import type { TenantCalendar } from '@zhongtai/subgraph-kit';
import type { OrderRepository } from '../store/order-repository.js';

/**
 * What the orders subgraph keeps of other subgraphs' facts (events/consumers.ts): merges (a member's
 * orders include those of members merged into it, until the merge is undone) and
 * members joining at a store (new members per store, on the tenant's business day they joined).
 * Every write is keyed, so a redelivered event changes nothing.
 */
export class FollowService {
  constructor(
    private readonly repo: OrderRepository,
    /** new members count on the tenant's business day they joined */
    private readonly calendar: TenantCalendar,
  ) {}

  /** `mergedId`'s orders are the survivor's until the merge is undone. */
  async memberMerged(tenant: string, m: { survivorId: string; mergedId: string; mergeId: string }) {
    await this.repo.link(tenant, m.survivorId, m.mergedId, m.mergeId);
  }

  /** Undoes that merge (only this merge: a later merge of the same members stays). */
  async memberUnmerged(tenant: string, m: { survivorId: string; mergedId: string; mergeId: string }) {
    await this.repo.unlink(tenant, m.survivorId, m.mergedId, m.mergeId);
  }

  /** A member created at a store is a new member of that store (and of the tenant) on that day. */
  async memberIdentified(
    tenant: string,
    m: { memberId: string; storeId?: string; created: boolean },
    at: Date,
  ): Promise<void> {
    if (!m.created || !m.storeId) return;
    await this.membersJoined(tenant, [{ memberId: m.memberId, storeId: m.storeId, at }]);
  }

  /** Members created at stores, on the tenant's business days they joined (one write). */
  async membersJoined(
    tenant: string,
    members: Array<{ memberId: string; storeId: string; at: Date }>,
  ): Promise<void> {
    await this.repo.addNewMembers(
      tenant,
      members.map((m) => ({ ...m, day: this.calendar.businessDay(m.at, tenant) })),
    );
  }
}
