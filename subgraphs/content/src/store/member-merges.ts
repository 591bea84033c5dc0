import { type ReadThrough, moveBackForUnmerge, moveForMerge } from '@zhongtai/subgraph-kit';
import { scopedKey } from '../domain/records.js';

export type MergeOf = { mergeId: string; mergedId: string; survivorId: string };

/**
 * A collection of member records that follows merges (the kit's merge moves) with a cache keyed by
 * member beside it: both members' cached entries are forgotten after each move.
 */
export class MemberRecordMerges {
  constructor(
    private readonly model: unknown,
    private readonly cache: ReadThrough<unknown>,
  ) {}

  async merged(tenant: string, m: MergeOf): Promise<void> {
    await moveForMerge(this.model as never, tenant, m);
    await this.forget(tenant, m);
  }

  async unmerged(tenant: string, m: MergeOf): Promise<void> {
    await moveBackForUnmerge(this.model as never, tenant, m.mergeId);
    await this.forget(tenant, m);
  }

  private async forget(tenant: string, m: MergeOf): Promise<void> {
    for (const id of [m.mergedId, m.survivorId]) await this.cache.forget(scopedKey(tenant, id));
  }
}
