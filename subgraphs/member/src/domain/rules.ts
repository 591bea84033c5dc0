import { badInput } from '@zhongtai/contracts';

/**
 * A small rule language over a member's profile, used by segments and rule-based tags
 * (R-CT-2): `match` ALL or ANY of conditions `fact op value(s)`. Flat on purpose: it is what a CRM
 * operator edits in a form, and it is enough for "GOLD members of store-sh-001 silent for 60 days".
 */
export type FactName =
  | 'orderCount'
  | 'totalSpent'
  | 'daysSinceLastPurchase'
  | 'daysSinceJoined'
  | 'tier'
  | 'lifecycleStage'
  | 'tag'
  | 'store'
  | 'joinedChannel'
  | 'satisfaction'
  | 'lastSatisfaction'
  | 'engagement'
  | 'valueScore'
  | 'activityScore'
  | 'quadrant';

export type Op = 'EQ' | 'NEQ' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'IN' | 'NOT_IN' | 'HAS' | 'NOT_HAS';

export interface Condition {
  fact: FactName;
  op: Op;
  value?: string | null;
  values?: string[] | null;
}

export interface Rule {
  match: 'ALL' | 'ANY';
  conditions: Condition[];
}

/** What rules see of a member. */
export interface ProfileView {
  orderCount: number;
  totalSpent: number;
  daysSinceLastPurchase: number | null;
  daysSinceJoined: number;
  tier: string | null;
  lifecycleStage: string;
  tag: string[];
  store: string[];
  joinedChannel: string;
  satisfaction: number | null;
  lastSatisfaction: number | null;
  engagement: number;
  valueScore: number;
  activityScore: number;
  quadrant: string;
}

const NUMERIC = new Set<FactName>([
  'orderCount',
  'totalSpent',
  'daysSinceLastPurchase',
  'daysSinceJoined',
  'satisfaction',
  'lastSatisfaction',
  'engagement',
  'valueScore',
  'activityScore',
]);
const SETS = new Set<FactName>(['tag', 'store']);
const SCALARS = new Set<FactName>(['tier', 'lifecycleStage', 'joinedChannel', 'quadrant']);
const ALL_FACTS = new Set<FactName>([...NUMERIC, ...SETS, ...SCALARS]);

/** Throws BAD_USER_INPUT for a rule that could never be evaluated; returns it normalised. */
export function validateRule(rule: Rule): Rule {
  if (rule.match !== 'ALL' && rule.match !== 'ANY')
    throw badInput('match must be ALL or ANY', { field: 'match' });
  if (!rule.conditions.length || rule.conditions.length > 20)
    throw badInput('a rule needs 1..20 conditions', { field: 'conditions' });
  rule.conditions.forEach((c, i) => {
    const field = `conditions.${i}`;
    if (!ALL_FACTS.has(c.fact)) throw badInput(`unknown fact ${c.fact}`, { field });
    if (SETS.has(c.fact)) {
      if (c.op !== 'HAS' && c.op !== 'NOT_HAS') throw badInput(`${c.fact} takes HAS or NOT_HAS`, { field });
      if (!c.value) throw badInput(`${c.fact} ${c.op} needs a value`, { field });
    } else if (c.op === 'IN' || c.op === 'NOT_IN') {
      if (!c.values?.length) throw badInput(`${c.op} needs values`, { field });
      if (NUMERIC.has(c.fact) && c.values.some((v) => !Number.isFinite(Number(v))))
        throw badInput(`${c.fact} values must be numbers`, { field });
    } else if (c.op === 'HAS' || c.op === 'NOT_HAS') {
      throw badInput(`${c.op} only applies to tag and store`, { field });
    } else {
      if (c.value === undefined || c.value === null || c.value === '')
        throw badInput(`${c.fact} ${c.op} needs a value`, { field });
      if (NUMERIC.has(c.fact) && !Number.isFinite(Number(c.value)))
        throw badInput(`${c.fact} compares with a number`, { field });
      if (SCALARS.has(c.fact) && c.op !== 'EQ' && c.op !== 'NEQ')
        throw badInput(`${c.fact} takes EQ, NEQ, IN or NOT_IN`, { field });
    }
  });
  return rule;
}

export function evaluate(rule: Rule, view: ProfileView): boolean {
  const test = (c: Condition) => check(c, view);
  return rule.match === 'ALL' ? rule.conditions.every(test) : rule.conditions.some(test);
}

function check(c: Condition, view: ProfileView): boolean {
  const actual = view[c.fact];
  if (SETS.has(c.fact)) {
    const has = (actual as string[]).includes(c.value!);
    return c.op === 'HAS' ? has : !has;
  }
  if (c.op === 'IN' || c.op === 'NOT_IN') {
    const inList =
      actual !== null && c.values!.some((v) => (NUMERIC.has(c.fact) ? Number(v) === actual : v === actual));
    return c.op === 'IN' ? inList : !inList;
  }
  if (NUMERIC.has(c.fact)) {
    // an unknown number (no purchase yet, no survey) satisfies nothing but NEQ
    if (actual === null) return c.op === 'NEQ';
    const a = actual as number;
    const v = Number(c.value);
    switch (c.op) {
      case 'EQ':
        return a === v;
      case 'NEQ':
        return a !== v;
      case 'GT':
        return a > v;
      case 'GTE':
        return a >= v;
      case 'LT':
        return a < v;
      case 'LTE':
        return a <= v;
      default:
        return false;
    }
  }
  return c.op === 'EQ' ? actual === c.value : actual !== c.value;
}
