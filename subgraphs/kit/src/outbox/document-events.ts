import { createHash } from 'node:crypto';
import type { EventEnvelope } from '@zhongtai/contracts';

/**
 * Events kept on the document whose change they announce, written in the same single-document
 * update as the change itself (the only atomic unit every store offers): under `outboxEvents`,
 * keyed by a digest of the event id, with a count the relay finds them by. The embedded store
 * cannot `$pull` by condition, hence a map and `$unset` instead of an array.
 */
export interface DocumentEvents {
  _id: unknown;
  outboxEvents?: Record<string, EventEnvelope>;
  outboxCount?: number;
  outboxAt?: Date;
}

const slot = (e: EventEnvelope) => createHash('sha256').update(e.id).digest('hex').slice(0, 24);

/** The fields to add to a document update (or insert) so its events are written with it. */
export function withEvents(
  events: EventEnvelope[],
  at: Date,
): { $set: Record<string, unknown>; $inc: Record<string, number> } {
  const $set: Record<string, unknown> = { outboxAt: at };
  for (const e of events) $set[`outboxEvents.${slot(e)}`] = e;
  return { $set, $inc: { outboxCount: events.length } };
}

/** The same for a new document written with `insertOne`. */
export function eventsField(events: EventEnvelope[], at: Date): Required<Omit<DocumentEvents, '_id'>> {
  return {
    outboxEvents: Object.fromEntries(events.map((e) => [slot(e), e])),
    outboxCount: events.length,
    outboxAt: at,
  };
}

/** Merges `withEvents` into an update that may have its own `$set` / `$inc`. */
export function mergeUpdate(
  update: Record<string, Record<string, unknown>>,
  events: EventEnvelope[],
  at: Date,
): Record<string, Record<string, unknown>> {
  const add = withEvents(events, at);
  return {
    ...update,
    $set: { ...(update.$set ?? {}), ...add.$set },
    $inc: { ...(update.$inc ?? {}), ...add.$inc },
  };
}

/**
 * The update that removes one emitted event from its document (a no-op once it is gone; through the
 * driver: the fields need not be declared in the collection's mongoose schema).
 */
export function clearStatement(
  id: unknown,
  e: EventEnvelope,
): [filter: never, update: { $unset: Record<string, ''>; $inc: { outboxCount: -1 } }] {
  const key = `outboxEvents.${slot(e)}`;
  return [
    { _id: id, [key]: { $exists: true } } as never,
    { $unset: { [key]: '' }, $inc: { outboxCount: -1 } },
  ];
}

/** Documents holding events written before `before` (the relay's sweep). */
export function pendingEventsFilter(before: Date): Record<string, unknown> {
  return { outboxCount: { $gt: 0 }, outboxAt: { $lte: before } };
}
