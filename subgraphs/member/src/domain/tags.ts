import { badInput } from '@zhongtai/contracts';
import type { Definitions, TagDoc } from './records.js';
import { type ProfileView, evaluate } from './rules.js';

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _.:-]{0,31}$/u;

/** A tag name as typed (a manual tag, a tag rule): trimmed, 1..32 letters, digits, spaces or `_.:-`. */
export function cleanTag(name: string): string {
  const tag = name?.trim();
  if (!tag || !TAG.test(tag))
    throw badInput('a tag is 1..32 letters, digits, spaces or _.:- and starts with a letter or digit', {
      field: 'tag',
    });
  return tag;
}

/**
 * One tag per name (a merge group may carry a name several times): the earliest wins, its source
 * and time are the ones that count. Ordered by the time they were added.
 */
export function firstOfEach<T extends Pick<TagDoc, 'name' | 'addedAt'>>(tags: T[]): T[] {
  const byName = new Map<string, T>();
  for (const t of tags) {
    const seen = byName.get(t.name);
    if (!seen || new Date(t.addedAt) < new Date(seen.addedAt)) byName.set(t.name, t);
  }
  return [...byName.values()].sort((a, b) => new Date(a.addedAt).getTime() - new Date(b.addedAt).getTime());
}

export interface RuleTagChange {
  tag: string;
  /** add the tag with source RULE, or remove the RULE tag */
  change: 'add' | 'remove';
}

/**
 * What the tenant's tag rules change on a member, in rule order. Each rule is evaluated on the
 * member's profile without the tag it maintains (so a rule never keeps its own tag alive); a tag
 * the member already has from any source is not added again, and only a RULE tag is removed (a
 * manual or survey tag of that name stays).
 */
export function ruleTagChanges<T extends Pick<TagDoc, 'name' | 'source'>>(
  rules: Definitions['rules'],
  current: T[],
  viewWith: (tags: T[]) => ProfileView,
): RuleTagChange[] {
  const changes: RuleTagChange[] = [];
  for (const r of rules) {
    const own = (t: T) => t.name === r.tag && t.source === 'RULE';
    const wants = evaluate(r.rule, viewWith(current.filter((t) => !own(t))));
    const has = current.some((t) => t.name === r.tag);
    if (wants && !has) changes.push({ tag: r.tag, change: 'add' });
    if (!wants && current.some(own)) changes.push({ tag: r.tag, change: 'remove' });
  }
  return changes;
}
