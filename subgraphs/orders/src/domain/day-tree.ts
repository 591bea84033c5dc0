/**
 * The store metrics' tree of periods: business days numbered from 1970-01-01, and nodes that each
 * cover an aligned run of 2^level days ([index · 2^level, (index + 1) · 2^level)). A day is a leaf
 * (level 0); a node's totals are its two children's summed and its buyers their union. Any period of
 * n days is a handful of nodes (at most about 2 · log2 n: 18 for a year), so a period's metrics read
 * a few small documents instead of a document per day.
 */
export interface TreeNode {
  level: number;
  index: number;
}

/** The highest level kept: nodes of 1,024 days (a period of three years needs a few of them). */
export const TOP_LEVEL = 10;

const DAY_MS = 86_400_000;

/** The number of a business day written `YYYY-MM-DD` (days since 1970-01-01). */
export function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a business day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The business day numbered n, written `YYYY-MM-DD`. */
export const dayOfNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The first and last day a node covers. */
export const spanOf = (n: TreeNode): [number, number] => [
  n.index * 2 ** n.level,
  (n.index + 1) * 2 ** n.level - 1,
];

/** The fewest nodes that together cover the days first..last (inclusive), in day order. */
export function cover(first: number, last: number): TreeNode[] {
  const out: TreeNode[] = [];
  let at = first;
  while (at <= last) {
    let level = 0;
    while (level < TOP_LEVEL && at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) - 1 <= last) level++;
    out.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return out;
}

/** The nodes above a day, lowest first (levels 1..TOP_LEVEL). */
export function ancestors(day: number): TreeNode[] {
  const out: TreeNode[] = [];
  for (let level = 1; level <= TOP_LEVEL; level++) out.push({ level, index: Math.floor(day / 2 ** level) });
  return out;
}

export const childrenOf = (n: TreeNode): [TreeNode, TreeNode] => [
  { level: n.level - 1, index: n.index * 2 },
  { level: n.level - 1, index: n.index * 2 + 1 },
];

export const parentOf = (n: TreeNode): TreeNode => ({ level: n.level + 1, index: Math.floor(n.index / 2) });
