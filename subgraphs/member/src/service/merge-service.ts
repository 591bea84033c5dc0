import { randomUUID } from 'node:crypto';
import { MemberMerged, MemberUnmerged, badInput, conflict, notFound } from '@zhongtai/contracts';
import { type Clock, type Logger, type Outbox, type RequestContext, makeEvent } from '@zhongtai/subgraph-kit';
import { type MergeCandidate, checkMerge, groupScope } from '../domain/merge.js';
import type { MemberDoc, MergeDoc } from '../domain/records.js';
import type { ProfileRepository } from '../store/profile-repository.js';
import type { MemberDirectory } from './directory.js';
import type { MemberScopes } from './scopes.js';

const candidate = (d: MemberDoc | null): MergeCandidate | null =>
  d && {
    id: d._id,
    tenant: d.tenant,
    mergedInto: d.mergedInto,
    mergeId: d.mergeId,
    ownStoreIds: d.ownStoreIds ?? [],
    ownRegions: d.ownRegions ?? [],
  };

/** A merge or undo left half done is finished by the resume job after this long. */
const RESUME_AFTER_MS = 2_000;

/**
 * Merges are recorded, reversible links (R-ID-2): the merged member keeps its identities, phone,
 * tags and facts, and points at its survivor; every read resolves to the survivor and combines the
 * group. `undoMerge` restores both members exactly. Other subgraphs follow `member.merged` /
 * `member.unmerged`.
 *
 * Each is several writes, made safe without transactions: the merge record is written first
 * (PENDING), the members are changed by idempotent steps, and the record turns APPLIED together
 * with its event in one write; an undo likewise (PENDING → DONE with `member.unmerged` and the new
 * scopes). A replayed call and the resume job both finish what a crash interrupted, so afterwards
 * the members and the events agree: both or neither.
 */
export class MergeService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly profiles: ProfileRepository,
    private readonly scopes: MemberScopes,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
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
    // a replay: finish it if a crash interrupted it, and answer the same record
    if (mode === 'repeat') return this.finishMerge((await this.profiles.merge(tenant, merged!.mergeId!))!);
    // a retry of a merge that died before it linked the member: that record, not a second one
    const interrupted = await this.profiles.pendingMerge(tenant, survivorId, mergedId);
    if (interrupted) return this.applyMerge(interrupted);
    const record: MergeDoc = {
      _id: randomUUID(),
      tenant,
      survivorId,
      mergedId,
      reason: reason.trim(),
      by,
      mergedAt: this.clock.now(),
      state: 'PENDING',
    };
    await this.profiles.insertMerge(record);
    return this.applyMerge(record);
  }

  /** Undoes a merge; replaying an undo returns the same member again. */
  async undo(ctx: RequestContext, mergeId: string, by: string): Promise<MemberDoc> {
    const tenant = ctx.tenant;
    let record = await this.profiles.merge(tenant, mergeId);
    if (!record) throw notFound(`no merge ${mergeId}`);
    if (record.state === 'PENDING') record = await this.applyMerge(record);
    if (!record.undoneAt && record.undo !== 'PENDING') {
      await this.profiles.markUndoPending(tenant, mergeId, by);
      record = { ...record, undo: 'PENDING', undoneBy: by };
    }
    if (record.undo === 'PENDING') await this.finishUndo(record);
    else await this.emitLeftovers(record);
    const merged = await this.dir.repo.member(tenant, record.mergedId);
    if (!merged) throw notFound(`member ${record.mergedId} no longer exists`);
    return merged;
  }

  /** The merge audit trail of these member ids: merges into them and of them, undone ones included. */
  async mergesOf(tenant: string, memberIds: string[]): Promise<MergeDoc[]> {
    return this.profiles.mergesOf(tenant, [...new Set(memberIds)]);
  }

  /** Finishes merges and undos a crash interrupted (the member subgraph's resume job). */
  async resume(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - RESUME_AFTER_MS);
    const unfinished = await this.profiles.unfinishedMerges(before);
    for (const record of unfinished) {
      try {
        if (record.state === 'PENDING') await this.applyMerge(record);
        if (record.undo === 'PENDING') await this.finishUndo(record);
      } catch (error) {
        this.logger.warn(
          { err: error, mergeId: record._id },
          'an interrupted merge could not be finished yet',
        );
      }
    }
    return unfinished.length;
  }

  /** Points the merged member at its survivor (once), then finishes; a lost race drops the record. */
  private async applyMerge(record: MergeDoc): Promise<MergeDoc> {
    const { tenant } = record;
    const repo = this.dir.repo;
    if (!(await repo.markMerged(tenant, record.mergedId, record.survivorId, record._id, this.clock.now()))) {
      const now = await repo.member(tenant, record.mergedId);
      if (now?.mergeId !== record._id) {
        // another merge of this member got there first: this record never took effect
        await this.profiles.deleteMerge(record._id);
        if (now?.mergedInto === record.survivorId && now.mergeId)
          return this.finishMerge((await this.profiles.merge(tenant, now.mergeId))!);
        throw conflict(`member ${record.mergedId} was merged concurrently`);
      }
    }
    return this.finishMerge(record);
  }

  /** The survivor takes in the merged member's group (idempotent), then APPLIED + event in one write. */
  private async finishMerge(record: MergeDoc): Promise<MergeDoc> {
    if (record.state !== 'PENDING') {
      await this.emitLeftovers(record);
      return record;
    }
    const { tenant } = record;
    const repo = this.dir.repo;
    const merged = (await repo.member(tenant, record.mergedId))!;
    await repo.absorb(
      tenant,
      record.survivorId,
      [merged._id, ...(merged.absorbed ?? [])],
      merged.storeIds ?? [],
      merged.regions ?? [],
    );
    const events = [
      makeEvent(MemberMerged, {
        id: `member.merged:${record._id}`,
        tenant,
        key: record.survivorId,
        producer: 'member',
        clock: this.clock,
        payload: {
          mergeId: record._id,
          survivorId: record.survivorId,
          mergedId: record.mergedId,
          reason: record.reason,
        },
      }),
      ...(await this.scopes.eventsFor(tenant, [record.mergedId])),
    ];
    if (await this.profiles.markMergeApplied(tenant, record._id, events, this.clock.now()))
      await this.profiles.emitMergeEvents(this.outbox, record._id, events);
    await this.onChange(tenant, [record.survivorId]);
    return { ...record, state: 'APPLIED' };
  }

  /**
   * Gives the merged member's group back (idempotent steps computed from the record, not from the
   * member's current links, so a re-run after a crash still finds the chain), then DONE + events.
   */
  private async finishUndo(record: MergeDoc): Promise<void> {
    const { tenant } = record;
    const repo = this.dir.repo;
    const merged = await repo.member(tenant, record.mergedId);
    if (!merged) throw notFound(`member ${record.mergedId} no longer exists`);
    const survivor = await repo.member(tenant, record.survivorId);
    const chain = survivor ? [survivor, ...(await this.dir.ancestors(tenant, survivor))] : [];
    await repo.unmarkMerged(tenant, merged._id, record._id, this.clock.now());
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
    const events = [
      makeEvent(MemberUnmerged, {
        id: `member.unmerged:${record._id}`,
        tenant,
        key: record.survivorId,
        producer: 'member',
        clock: this.clock,
        payload: { mergeId: record._id, survivorId: record.survivorId, mergedId: record.mergedId },
      }),
      // who may see whom narrows at once: the split-off group leaves the survivor's scope
      ...(await this.scopes.eventsFor(tenant, [merged._id, ...chain.map((c) => c._id)])),
    ];
    if (await this.profiles.markUndone(tenant, record._id, events, this.clock.now()))
      await this.profiles.emitMergeEvents(this.outbox, record._id, events);
    await this.onChange(tenant, [merged._id, ...chain.map((c) => c._id)]);
  }

  /** Events still on a record (a crash after its last write): handed to the outbox now. */
  private async emitLeftovers(record: MergeDoc): Promise<void> {
    const left = Object.values(record.outboxEvents ?? {});
    if (left.length) await this.profiles.emitMergeEvents(this.outbox, record._id, left);
  }
}
