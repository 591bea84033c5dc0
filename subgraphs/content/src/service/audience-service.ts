import { birthdayOf } from '../domain/campaigns.js';
import type { Audience } from '../domain/targeting.js';
import type { AudienceRepository } from '../store/audience-repository.js';

/** Keeps what content targets members by: their profiles (`member.profileChanged`) and stores' regions (`store.changed`). */
export class AudienceService {
  constructor(private readonly repo: AudienceRepository) {}

  /** Keeps the member's newest profile; true when it turned AT_RISK with it (churn-risk campaigns start). */
  async profileChanged(
    tenant: string,
    p: {
      memberId: string;
      tags: string[];
      segments: string[];
      tier: string | null;
      storeIds: string[];
      lifecycleStage: string;
      birthday?: string | null;
    },
    at: Date,
  ): Promise<boolean> {
    const audience: Audience = {
      segments: p.segments,
      tags: p.tags,
      tier: p.tier,
      storeIds: p.storeIds,
      regions: await this.repo.regionsOf(tenant, p.storeIds),
    };
    const before = await this.repo.save(
      tenant,
      p.memberId,
      { ...audience, lifecycleStage: p.lifecycleStage, birthday: birthdayOf(p.birthday) },
      at,
    );
    return before !== 'stale' && p.lifecycleStage === 'AT_RISK' && before?.lifecycleStage !== 'AT_RISK';
  }

  storeChanged(tenant: string, storeId: string, region: string): Promise<void> {
    return this.repo.setStoreRegion(tenant, storeId, region);
  }
}
