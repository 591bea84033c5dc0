import { type FactsDoc, combineFacts, daysSince, deriveFacts, emptyFacts } from './facts.js';
import { type LifecyclePolicy, type LifecycleStage, lifecycleStage } from './lifecycle.js';
import { type Quadrant, type RelationshipPolicy, relationship } from './relationship.js';
import type { MemberDoc, TagDoc } from './records.js';
import type { ProfileView } from './rules.js';

export interface Profile {
  view: ProfileView;
  stage: LifecycleStage;
  valueScore: number;
  activityScore: number;
  quadrant: Quadrant;
}

/** Everything derived about a member at `now`, from its facts, tags and identity data. */
export function profileOf(
  input: { facts: FactsDoc; tags: string[]; joinedAt: Date; joinedChannel: string; storeIds: string[] },
  now: Date,
  policies: { lifecycle?: LifecyclePolicy; relationship?: RelationshipPolicy } = {},
): Profile {
  const f = deriveFacts(input.facts, now);
  const stage = lifecycleStage(f, now, policies.lifecycle);
  const rel = relationship(f, now, policies.relationship);
  return {
    stage,
    ...rel,
    view: {
      orderCount: f.orderCount,
      totalSpent: f.totalSpent,
      daysSinceLastPurchase: daysSince(f.lastPurchaseAt, now),
      daysSinceJoined: daysSince(input.joinedAt, now) ?? 0,
      tier: f.tier,
      lifecycleStage: stage,
      tag: [...input.tags].sort(),
      store: [...new Set([...input.storeIds, ...f.purchaseStoreIds])].sort(),
      joinedChannel: input.joinedChannel,
      satisfaction: f.satisfaction,
      lastSatisfaction: f.lastSatisfaction,
      engagement: f.engagement,
      valueScore: rel.valueScore,
      activityScore: rel.activityScore,
      quadrant: rel.quadrant,
    },
  };
}

/**
 * The profile of a member (a merge group's root) at `now`: the facts of every member of its group
 * combined, its tags (one per name), its join data and its visibility stores.
 */
export function memberProfile(
  root: Pick<MemberDoc, 'joinedAt' | 'joinedChannel' | 'storeIds'>,
  facts: FactsDoc[],
  tags: Array<Pick<TagDoc, 'name'>>,
  now: Date,
): Profile {
  return profileOf(
    {
      facts: facts.length ? combineFacts(facts) : emptyFacts(),
      tags: tags.map((t) => t.name),
      joinedAt: new Date(root.joinedAt),
      joinedChannel: root.joinedChannel,
      storeIds: root.storeIds ?? [],
    },
    now,
  );
}
