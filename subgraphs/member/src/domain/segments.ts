import { badInput } from '@zhongtai/contracts';
import type { Definitions } from './records.js';
import { type ProfileView, evaluate } from './rules.js';

/** A segment as saved: its id lowercase letters, digits and dashes (1..64), its name 1..64 characters, trimmed. */
export function checkSegment(id: string, name: string): { id: string; name: string } {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
    throw badInput('segment id must be lowercase letters, digits and dashes (1..64)', { field: 'id' });
  if (!name.trim() || name.length > 64) throw badInput('name must be 1..64 characters', { field: 'name' });
  return { id, name: name.trim() };
}

/**
 * The segments a member belongs to by its profile (`members`, in definition order), and how that
 * differs from the segments it was in (`before`): those to join and those to leave.
 */
export function segmentChanges(
  segments: Definitions['segments'],
  view: ProfileView,
  before: ReadonlySet<string>,
): { members: string[]; join: string[]; leave: string[] } {
  const members: string[] = [];
  const join: string[] = [];
  const leave: string[] = [];
  for (const s of segments) {
    const inIt = evaluate(s.rule, view);
    if (inIt) members.push(s.segmentId);
    if (inIt && !before.has(s.segmentId)) join.push(s.segmentId);
    if (!inIt && before.has(s.segmentId)) leave.push(s.segmentId);
  }
  return { members, join, leave };
}
