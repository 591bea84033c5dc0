import type { Audience } from '../domain/targeting.js';
import type { AudienceRepository } from '../store/audience-repository.js';

/** Keeps what content targets members by: their profiles (`member.profileChanged`) and stores' regions (`store.changed`). */
export class AudienceService {
  constructor(private readonly repo: AudienceRepository) {}

  async profileChanged(
    tenant: string,
    p: { memberId: string; tags: string[]; segments: string[]; tier: string | null; storeIds: string[] },
    at: Date,
  ): Promise<void> {
    const audience: Audience = {
      segments: p.segments,
      tags: p.tags,
      tier: p.tier,
      storeIds: p.storeIds,
      regions: await this.repo.regionsOf(tenant, p.storeIds),
    };
    await this.repo.save(tenant, p.memberId, audience, at);
  }

  storeChanged(tenant: string, storeId: string, region: string): Promise<void> {
    return this.repo.setStoreRegion(tenant, storeId, region);
  }
}
