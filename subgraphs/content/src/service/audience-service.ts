import { birthdayOf } from '../domain/campaigns.js';
import type { Audience } from '../domain/targeting.js';
import type { AudienceRepository } from '../store/audience-repository.js';

/** Keeps what content targets members by: their profiles (`member.profileChanged`) and stores' regions (`store.changed`). */
export class AudienceService {
  constructor(private readonly repo: AudienceRepository) {}

  /** Keeps the member's newest profile; true when it turned AT_RISK with it (churn-risk campaigns start). */
  async profileChanged(tenant: string, p: Profile, at: Date): Promise<boolean> {
    const before = await this.repo.save(tenant, p.memberId, await this.audienceOf(tenant, p), at);
    return before !== 'stale' && p.lifecycleStage === 'AT_RISK' && before?.lifecycleStage !== 'AT_RISK';
  }

  /**
   * Profiles announced together (a batch of events), none of them AT_RISK (that one starts campaigns
   * on its turn: `profileChanged`): the newest of each member, in one write.
   */
  async profilesChanged(tenant: string, changes: Array<{ profile: Profile; at: Date }>): Promise<void> {
    const newest = new Map<string, { profile: Profile; at: Date }>();
    for (const c of changes) {
      const seen = newest.get(c.profile.memberId);
      if (!seen || seen.at < c.at) newest.set(c.profile.memberId, c);
    }
    const rows = [];
    for (const { profile, at } of newest.values())
      rows.push({ memberId: profile.memberId, audience: await this.audienceOf(tenant, profile), at });
    await this.repo.saveMany(tenant, rows);
  }

  private async audienceOf(tenant: string, p: Profile) {
    const audience: Audience = {
      segments: p.segments,
      tags: p.tags,
      tier: p.tier,
      storeIds: p.storeIds,
      regions: await this.repo.regionsOf(tenant, p.storeIds),
    };
    return { ...audience, lifecycleStage: p.lifecycleStage, birthday: birthdayOf(p.birthday) };
  }

  storeChanged(tenant: string, storeId: string, region: string): Promise<void> {
    return this.repo.setStoreRegion(tenant, storeId, region);
  }
}

/** What `member.profileChanged` says of a member. */
export interface Profile {
  memberId: string;
  tags: string[];
  segments: string[];
  tier: string | null;
  storeIds: string[];
  lifecycleStage: string;
  birthday?: string | null;
}
