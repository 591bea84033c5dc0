import { type EventEnvelope, MemberScopeChanged } from '@zhongtai/contracts';
import {
  type Clock,
  type MemberScope,
  type Outbox,
  type ScopeSource,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import type { MemberDoc } from '../domain/records.js';
import type { MemberDirectory } from './directory.js';

const MAX_CHAIN = 16;

/**
 * Who may see each member (R-AN-3), as the member center knows it: the authorizer of this subgraph
 * reads it directly, other subgraphs ask for it (`accessScopes`) and follow `member.scopeChanged`.
 */
export class MemberScopes implements ScopeSource {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async lookup(tenant: string, memberIds: readonly string[], storeIds: readonly string[]) {
    const members: MemberScope[] = [];
    for (const id of memberIds) {
      const root = await this.rootOf(tenant, id);
      if (root) members.push(scopeOf(id, root));
    }
    const stores = storeIds.length
      ? (await this.dir.repo.storesByIds(tenant, storeIds)).map((s) => ({
          storeId: s.storeId,
          region: s.region,
          name: s.name,
        }))
      : [];
    return { members, stores };
  }

  /**
   * Announces the scope of every member id in the groups of `memberIds` (after joins, store visits,
   * merges and undos), so other subgraphs narrow or widen what they allow at once.
   */
  async announce(tenant: string, memberIds: readonly string[]): Promise<void> {
    const events = await this.eventsFor(tenant, memberIds);
    if (events.length) await this.outbox.emit(...events);
  }

  /** The `member.scopeChanged` events of `announce`, for writers that store them with their change. */
  async eventsFor(tenant: string, memberIds: readonly string[]): Promise<EventEnvelope[]> {
    const version = this.clock.now().getTime();
    const seen = new Set<string>();
    const events: EventEnvelope[] = [];
    // many at once (a batch of new members): their documents in one read
    if (memberIds.length > 1) await this.dir.repo.membersByIds(tenant, memberIds);
    for (const id of memberIds) {
      const root = await this.rootOf(tenant, id);
      if (!root) continue;
      for (const member of [id, root._id, ...(root.absorbed ?? [])]) {
        if (seen.has(member)) continue;
        seen.add(member);
        const scope = scopeOf(member, root);
        events.push(
          makeEvent(MemberScopeChanged, {
            id: `member.scopeChanged:${tenant}:${member}:${version}`,
            tenant,
            key: member,
            producer: 'member',
            clock: this.clock,
            payload: { ...scope, version },
          }),
        );
      }
    }
    return events;
  }

  private async rootOf(tenant: string, id: string): Promise<MemberDoc | null> {
    let doc = await this.dir.repo.member(tenant, id);
    for (let hops = 0; doc?.mergedInto && hops < MAX_CHAIN; hops++)
      doc = await this.dir.repo.member(tenant, doc.mergedInto);
    return doc;
  }
}

/** The scope of a member id whose merge group is led by `root`. */
export function scopeOf(memberId: string, root: MemberDoc): MemberScope {
  return { memberId, rootId: root._id, storeIds: root.storeIds ?? [], regions: root.regions ?? [] };
}
