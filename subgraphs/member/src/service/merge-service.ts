import { randomUUID } from 'node:crypto';
import { MemberMerged, MemberUnmerged, badInput, conflict, notFound } from '@zhongtai/contracts';
import { type Clock, type Outbox, type RequestContext, makeEvent } from '@zhongtai/subgraph-kit';
import { type MergeCandidate, checkMerge, groupScope } from '../domain/merge.js';
import type { ProfileRepository } from '../store/profile-repository.js';
import type { MemberDoc, MergeDoc } from '../store/models.js';
import type { MemberDirectory } from './directory.js';

const candidate = (d: MemberDoc | null): MergeCandidate | null =>
  d && {
    id: d._id,
    tenant: d.tenant,
    mergedInto: d.mergedInto,
    mergeId: d.mergeId,
    ownStoreIds: d.ownStoreIds ?? [],
    ownRegions: d.ownRegions ?? [],
  };

/**
 * Merges are recorded, reversible links (R-ID-2): the merged member keeps its identities, phone,
 * tags and facts, and points at its survivor; every read resolves to the survivor and combines the
 * group. `undoMerge` restores both members exactly. Other subgraphs follow `member.merged` /
 * `member.unmerged`.
 */
export class MergeService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly profiles: ProfileRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly onChange: (tenant: string, memberIds: string[]) => Promise<void>,
  ) {}

  async merge(
    ctx: RequestContext,
    survivorId: string,
    mergedId: string,
    reason: string,
    by: string,
  ): Promise<MergeDoc> {
    const tenant = ctx.tenant;
    if (!reason?.trim() || reason.length > 200)
      throw badInput('reason must be 1..200 characters', { field: 'reason' });
    const repo = this.dir.repo;
    const [survivor, merged] = [await repo.member(tenant, survivorId), await repo.member(tenant, mergedId)];
    const mode = checkMerge(
      candidate(survivor),
      candidate(merged),
      merged ? [merged._id, ...(merged.absorbed ?? [])] : [],
    );
    if (mode === 'repeat') return (await this.profiles.merge(tenant, merged!.mergeId!))!;
    const now = this.clock.now();
    const record: MergeDoc = {
      _id: randomUUID(),
      tenant,
      survivorId,
      mergedId,
      reason: reason.trim(),
      by,
      mergedAt: now,
    };
    await this.profiles.insertMerge(record);
    if (!(await repo.markMerged(tenant, mergedId, survivorId, record._id, now))) {
      await this.profiles.deleteMerge(record._id);
      const again = await repo.member(tenant, mergedId);
      if (again?.mergedInto === survivorId && again.mergeId)
        return (await this.profiles.merge(tenant, again.mergeId))!;
      throw conflict(`member ${mergedId} was merged concurrently`);
    }
    await repo.absorb(
      tenant,
      survivorId,
      [mergedId, ...(merged!.absorbed ?? [])],
      merged!.storeIds ?? [],
      merged!.regions ?? [],
    );
    await this.outbox.emit(
      makeEvent(MemberMerged, {
        id: `member.merged:${record._id}`,
        tenant,
        key: survivorId,
        producer: 'member',
        clock: this.clock,
        payload: { mergeId: record._id, survivorId, mergedId, reason: record.reason },
      }),
    );
    await this.onChange(tenant, [survivorId]);
    return record;
  }

  /** Undoes a merge; replaying an undo returns the same member again. */
  async undo(ctx: RequestContext, mergeId: string, by: string): Promise<MemberDoc> {
    const tenant = ctx.tenant;
    const repo = this.dir.repo;
    const record = await this.profiles.merge(tenant, mergeId);
    if (!record) throw notFound(`no merge ${mergeId}`);
    const merged = await repo.member(tenant, record.mergedId);
    if (!merged) throw notFound(`member ${record.mergedId} no longer exists`);
    if (record.undoneAt || merged.mergeId !== mergeId) {
      await this.profiles.markUndone(tenant, mergeId, by, this.clock.now());
      return merged;
    }
    const chain = await this.dir.ancestors(tenant, merged);
    const now = this.clock.now();
    if (!(await repo.unmarkMerged(tenant, merged._id, mergeId, now)))
      throw conflict(`merge ${mergeId} changed concurrently; retry`);
    const released = [merged._id, ...(merged.absorbed ?? [])];
    for (const up of chain) {
      const remaining = (up.absorbed ?? []).filter((id) => !released.includes(id));
      const docs = await repo.membersByIds(tenant, remaining);
      await repo.release(
        tenant,
        up._id,
        released,
        groupScope([candidate(up)!, ...docs.map((d) => candidate(d)!)]),
      );
    }
    await this.profiles.markUndone(tenant, mergeId, by, now);
    await this.outbox.emit(
      makeEvent(MemberUnmerged, {
        id: `member.unmerged:${mergeId}`,
        tenant,
        key: record.survivorId,
        producer: 'member',
        clock: this.clock,
        payload: { mergeId, survivorId: record.survivorId, mergedId: record.mergedId },
      }),
    );
    await this.onChange(tenant, [merged._id, ...chain.map((c) => c._id)]);
    return (await repo.member(tenant, merged._id))!;
  }
}
