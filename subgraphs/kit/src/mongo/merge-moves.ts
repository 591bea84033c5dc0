import type { Model } from 'mongoose';

/**
 * Records a member holds (surveys, tickets, coupons: any collection with `tenant` and `memberId`) follow merges and their undo exactly, chains included: a merge
 * writes, on every record the merged member holds now, who held it under the merge's id
 * (`via.<mergeId>`); the undo gives back exactly those records (C merged into B, then B into A:
 * undoing the second gives C's records back to B, where C still is). Idempotent both ways.
 */
export async function moveForMerge(
  model: Model<never>,
  tenant: string,
  m: { mergeId: string; mergedId: string; survivorId: string },
): Promise<void> {
  const slot = `via.${m.mergeId}`;
  await model.collection.updateMany(
    { tenant, memberId: m.mergedId, [slot]: { $exists: false } } as never,
    { $set: { memberId: m.survivorId, [slot]: m.mergedId } } as never,
  );
}

export async function moveBackForUnmerge(
  model: Model<never>,
  tenant: string,
  mergeId: string,
): Promise<void> {
  const slot = `via.${mergeId}`;
  const docs = (await model.collection
    .find({ tenant, [slot]: { $exists: true } } as never)
    .project({ _id: 1, via: 1 })
    .toArray()) as unknown as Array<{ _id: string; via: Record<string, string> }>;
  for (const d of docs)
    await model.collection.updateOne(
      { _id: d._id, [slot]: { $exists: true } } as never,
      { $set: { memberId: d.via[mergeId] }, $unset: { [slot]: '' } } as never,
    );
}
