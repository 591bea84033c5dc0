import { badInput } from '@zhongtai/contracts';
import type { Cache, Clock } from '@zhongtai/subgraph-kit';
import { DEFAULT_RULES, type EarningRules } from '../domain/earning.js';
import { type GrantLimits, limitsOf, validateLimits } from '../domain/limits.js';
import { DEFAULT_TIERS, type TierRule } from '../domain/tiers.js';
import type { LedgerRepository } from '../store/ledger-repository.js';

export interface TenantConfig {
  rules: EarningRules;
  tiers: TierRule[];
  limits: GrantLimits;
}

/** A tenant's earning rules, tiers and fraud limits (defaults until HQ sets its own), cached briefly. */
export class ConfigService {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly cache: Cache,
    private readonly clock: Clock,
  ) {}

  async get(tenant: string): Promise<TenantConfig> {
    // the cache never fails a request: unreachable (Redis down), it is a miss and is not filled
    const hit = await this.cache.get<TenantConfig>(`points:config:${tenant}`).catch(() => undefined);
    if (hit) return revive(hit);
    const doc = await this.repo.configOf(tenant);
    const value = {
      rules: doc?.rules ?? DEFAULT_RULES,
      tiers: doc?.tiers ?? DEFAULT_TIERS,
      limits: limitsOf(doc?.limits),
    };
    await this.cache.set(`points:config:${tenant}`, value, 30).catch(() => undefined);
    return revive(value);
  }

  async setRules(tenant: string, rules: EarningRules): Promise<EarningRules> {
    validateRules(rules);
    const { tiers } = await this.get(tenant);
    await this.repo.setConfig(tenant, { rules, tiers }, this.clock.now());
    await this.cache.delete(`points:config:${tenant}`);
    return rules;
  }

  /**
   * HQ changes some fraud limits: only the settings given are set (each its own path, so two
   * changes of different settings never undo each other); the others keep their value.
   */
  async setLimits(
    tenant: string,
    patch: { [K in keyof GrantLimits]?: GrantLimits[K] | null },
  ): Promise<GrantLimits> {
    const given = Object.entries(patch).filter(([, v]) => v !== undefined && v !== null);
    validateLimits(Object.fromEntries(given));
    const set = Object.fromEntries(given.map(([k, v]) => [`limits.${k}`, v]));
    if (Object.keys(set).length) await this.repo.setConfig(tenant, set, this.clock.now());
    await this.cache.delete(`points:config:${tenant}`);
    return (await this.get(tenant)).limits;
  }
}

function revive(v: TenantConfig): TenantConfig {
  return {
    tiers: v.tiers,
    limits: limitsOf(v.limits),
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
