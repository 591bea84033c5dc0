import { type RequestContext, byKeys, loader } from '@zhongtai/subgraph-kit';
import { type TierRule, tierFor } from '../domain/tiers.js';
import type { AccountRepository } from '../store/account-repository.js';
import type { AccountDoc } from '../store/models.js';

export interface AccountView {
  memberId: string;
  balance: number;
  pending: number;
  lifetimeEarned: number;
  growth: number;
}

export class PointsService {
  constructor(private readonly accounts: AccountRepository) {}

  /** One batched read per request for every member's account; a member without one has zeros. */
  account(ctx: RequestContext) {
    return loader<string, AccountView>(ctx, 'points:account', async (ids) =>
      byKeys(ids, await this.accounts.accounts(ctx.tenant, ids), (d: AccountDoc) => d.memberId).map(
        (doc, i) => doc ?? { memberId: ids[i], balance: 0, pending: 0, lifetimeEarned: 0, growth: 0 },
      ),
    );
  }

  growth(view: AccountView): { value: number; tier: TierRule; next: TierRule | null } {
    const { tier, next } = tierFor(view.growth);
    return { value: view.growth, tier, next };
  }
}
