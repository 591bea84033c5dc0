import { badInput, conflict } from '@zhongtai/contracts';

export interface MergeCandidate {
  id: string;
  tenant: string;
  mergedInto?: string;
  mergeId?: string;
  ownStoreIds: string[];
  ownRegions: string[];
}

/**
 * Checks a requested merge. A merge links two roots: a member already merged into another cannot be
 * merged again (undo first), and a member is never merged into itself or into its own group.
 * Returns `repeat` when exactly this merge is already in place (the call is a replay).
 */
export function checkMerge(
  survivor: MergeCandidate | null,
  merged: MergeCandidate | null,
  groupOfMerged: string[],
): 'apply' | 'repeat' {
  if (!survivor) throw badInput('unknown survivor member', { field: 'survivorId' });
  if (!merged) throw badInput('unknown member to merge', { field: 'mergedId' });
  if (survivor.id === merged.id)
    throw badInput('a member cannot be merged into itself', { field: 'mergedId' });
  if (merged.mergedInto === survivor.id) return 'repeat';
  if (merged.mergedInto)
    throw conflict(`member ${merged.id} is already merged into ${merged.mergedInto}; undo that merge first`);
  if (survivor.mergedInto)
    throw conflict(
      `member ${survivor.id} is merged into ${survivor.mergedInto}; merge into that member instead`,
    );
  if (groupOfMerged.includes(survivor.id))
    throw conflict("the survivor is part of the merged member's group");
  return 'apply';
}

/** The visibility scope of a merge group: every store and region any of its members came through. */
export function groupScope(members: Array<Pick<MergeCandidate, 'ownStoreIds' | 'ownRegions'>>): {
  storeIds: string[];
  regions: string[];
} {
  const storeIds = new Set<string>();
  const regions = new Set<string>();
  for (const m of members) {
    m.ownStoreIds.forEach((s) => storeIds.add(s));
    m.ownRegions.forEach((r) => regions.add(r));
  }
  return { storeIds: [...storeIds].sort(), regions: [...regions].sort() };
}
