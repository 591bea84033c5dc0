import { badInput } from '@zhongtai/contracts';
import type { Cache, Clock } from '@zhongtai/subgraph-kit';
import { DEFAULT_RULES, type EarningRules } from '../domain/earning.js';
import { DEFAULT_TIERS, type TierRule } from '../domain/tiers.js';
import type { LedgerRepository } from '../store/ledger-repository.js';

/** A tenant's earning rules and tiers (defaults until HQ sets its own), cached briefly. */
export class ConfigService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly cache: Cache,
    private readonly clock: Clock,
  ) {}

  async get(tenant: string): Promise<{ rules: EarningRules; tiers: TierRule[] }> {
    const hit = await this.cache.get<{ rules: EarningRules; tiers: TierRule[] }>(`points:config:${tenant}`);
    if (hit) return revive(hit);
    const doc = await this.repo.m.Config.findById(tenant).lean();
    const value = { rules: doc?.rules ?? DEFAULT_RULES, tiers: doc?.tiers ?? DEFAULT_TIERS };
    await this.cache.set(`points:config:${tenant}`, value, 30);
    return revive(value);
  }

  async setRules(tenant: string, rules: EarningRules): Promise<EarningRules> {
    validateRules(rules);
    const { tiers } = await this.get(tenant);
    await this.repo.m.Config.updateOne(
      { _id: tenant },
      { $set: { rules, tiers, updatedAt: this.clock.now() } },
      { upsert: true },
    );
    await this.cache.delete(`points:config:${tenant}`);
    return rules;
  }
}

function revive(v: { rules: EarningRules; tiers: TierRule[] }) {
  return {
    tiers: v.tiers,
    rules: {
      ...v.rules,
      multipliers: v.rules.multipliers.map((m) => ({
        ...m,
        from: m.from ? new Date(m.from) : null,
        to: m.to ? new Date(m.to) : null,
      })),
    },
  };
}

export function validateRules(r: EarningRules): void {
  const bad = (field: string, message: string) => {
    throw badInput(message, { field });
  };
  if (!(r.pointsPerYuan >= 0 && r.pointsPerYuan <= 100))
    bad('pointsPerYuan', 'pointsPerYuan must be between 0 and 100');
  if (!(r.growthPerYuan >= 0 && r.growthPerYuan <= 100))
    bad('growthPerYuan', 'growthPerYuan must be between 0 and 100');
  if (!Number.isInteger(r.returnWindowDays) || r.returnWindowDays < 0 || r.returnWindowDays > 90)
    bad('returnWindowDays', 'returnWindowDays must be 0..90');
  if (!Number.isInteger(r.expiryYearsAfter) || r.expiryYearsAfter < 0 || r.expiryYearsAfter > 10)
    bad('expiryYearsAfter', 'expiryYearsAfter must be 0..10');
  for (const cap of ['perOrderCap', 'perDayCap'] as const)
    if (r[cap] !== null && !(Number.isInteger(r[cap]) && r[cap]! >= 0))
      bad(cap, `${cap} must be a non-negative integer or null`);
  const ids = new Set<string>();
  for (const m of r.multipliers) {
    if (!m.id || ids.has(m.id)) bad('multipliers', `multiplier ids must be present and unique (${m.id})`);
    ids.add(m.id);
    if (!(m.factor > 0 && m.factor <= 20))
      bad('multipliers', `multiplier ${m.id}: factor must be in (0, 20]`);
    if (m.daysOfMonth?.some((d) => !Number.isInteger(d) || d < 1 || d > 31))
      bad('multipliers', `multiplier ${m.id}: daysOfMonth are 1..31`);
    if (m.from && m.to && m.from > m.to) bad('multipliers', `multiplier ${m.id}: from is after to`);
  }
}
