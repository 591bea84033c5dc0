import { badInput } from '@zhongtai/contracts';

/**
 * Who a content item is for (R-CT-1): each facet that lists values must match (a member in one of
 * the segments AND with one of the tiers…); an empty facet does not narrow. No facet: everyone.
 * `skus`: the products it promotes — shown only while one is in stock at the member's store (R-IN-2).
 */
export interface Targeting {
  segmentIds: string[];
  tiers: string[];
  tags: string[];
  storeIds: string[];
  regions: string[];
  skus: string[];
  /** shown from / until (null: no bound) */
  from: Date | null;
  until: Date | null;
}

/** What content knows of a member, from `member.profileChanged` (and its stores' regions). */
export interface Audience {
  segments: string[];
  tags: string[];
  tier: string | null;
  storeIds: string[];
  regions: string[];
}

export const NO_TARGETING: Targeting = {
  segmentIds: [],
  tiers: [],
  tags: [],
  storeIds: [],
  regions: [],
  skus: [],
  from: null,
  until: null,
};

const FACETS = [
  ['seg', 'segmentIds', (a: Audience) => a.segments],
  ['tag', 'tags', (a: Audience) => a.tags],
  ['tier', 'tiers', (a: Audience) => (a.tier ? [a.tier] : [])],
  ['store', 'storeIds', (a: Audience) => a.storeIds],
  ['region', 'regions', (a: Audience) => a.regions],
] as const;

const MAX_VALUES = 50;

/** Each field optional and nullable, as a GraphQL input gives it. */
export type Loose<T> = { [K in keyof T]?: T[K] | null };

/** Targeting as HQ sends it, cleaned (trimmed, deduplicated) and checked (BAD_USER_INPUT names the field). */
export function checkTargeting(t: Loose<Targeting>): Targeting {
  const clean = (field: keyof Targeting, v: string[] | null | undefined) => {
    const out = [...new Set((v ?? []).map((x) => x.trim()).filter(Boolean))];
    if (out.length > MAX_VALUES)
      throw badInput(`at most ${MAX_VALUES} values in targeting.${field}`, { field: `targeting.${field}` });
    return out;
  };
  const out: Targeting = {
    segmentIds: clean('segmentIds', t.segmentIds),
    tiers: clean('tiers', t.tiers),
    tags: clean('tags', t.tags),
    storeIds: clean('storeIds', t.storeIds),
    regions: clean('regions', t.regions),
    skus: clean('skus', t.skus),
    from: t.from ?? null,
    until: t.until ?? null,
  };
  if (out.from && out.until && out.until <= out.from)
    throw badInput('targeting.until must be after targeting.from', { field: 'targeting.until' });
  return out;
}

/**
 * The keys an item is found by (`reach`: channel × key): one facet's values suffice, since a member
 * it is for has one of them whatever the other facets say. `*`: no facet, everyone.
 */
export function audienceKeys(t: Targeting): string[] {
  for (const [prefix, field] of FACETS) if (t[field].length) return t[field].map((v) => `${prefix}:${v}`);
  return ['*'];
}

/** The keys of every item that may be for this member (found by index, then checked with `isFor`). */
export function memberKeys(a: Audience): string[] {
  return ['*', ...FACETS.flatMap(([prefix, , values]) => values(a).map((v) => `${prefix}:${v}`))];
}

/** Whether the item is for this member now (every listed facet matches, inside its window). */
export function isFor(t: Targeting, a: Audience, now: Date): boolean {
  if ((t.from && now < t.from) || (t.until && now >= t.until)) return false;
  return FACETS.every(([, field, values]) => !t[field].length || values(a).some((v) => t[field].includes(v)));
}

/** How narrowly an item is aimed: the number of facets it lists (a targeted item ranks above a general one). */
export function specificity(t: Targeting): number {
  return FACETS.filter(([, field]) => t[field].length).length;
}

/** `reach` entries of an item: every channel × every audience key. */
export function reachOf(channels: readonly string[], t: Targeting): string[] {
  const keys = audienceKeys(t);
  return channels.flatMap((c) => keys.map((k) => `${c}|${k}`));
}
