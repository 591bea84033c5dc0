import { sendableAt } from '@zhongtai/contracts';
import {
  type Clock,
  type Logger,
  type Messenger,
  type ServiceCall,
  type TenantCalendar,
  memberReach,
} from '@zhongtai/subgraph-kit';
import { QUIET_HOURS, cappedUntil } from '../domain/campaigns.js';
import type { DeliveryDoc } from '../domain/records.js';
import type { CampaignRepository } from '../store/campaign-repository.js';

/**
 * The campaign scheduler (a periodic job; triggers also run it at once): due deliveries are claimed
 * with a lease (the kit's DueClaims: two replicas never both send one; a dead sender's lease runs
 * out). Each goes out through the notification adapter on the channel the member consented to, with
 * the delivery's id as the message key (a resend after a crash is delivered once) — held back by the
 * frequency cap (one campaign message per member per `capHours`) and the tenant's quiet hours;
 * without consent nothing is sent (IN_APP: the offer waits in its feed). Failures retry with backoff.
 */
export class CampaignSender {
  constructor(
    private readonly repo: CampaignRepository,
    private readonly messenger: Messenger,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
    private readonly logger: Logger,
    private readonly call?: ServiceCall,
  ) {}

  async runOnce(limit = 100): Promise<number> {
    const round = await this.repo.due.process(
      { status: 'SCHEDULED' },
      limit,
      (d) => this.work(d),
      (d, error) =>
        this.logger.warn({ err: error, delivery: d._id }, 'campaign delivery failed; retried later'),
    );
    return round.claimed;
  }

  private async work(d: DeliveryDoc): Promise<void> {
    const now = this.clock.now();
    const c = await this.repo.campaign(d.tenant, d.campaignId);
    if (!c?.active) return void (await this.repo.markSent(d._id, 'SKIPPED', null, now));
    if (!this.call) throw new Error('campaigns need the gateway (GATEWAY_URL) to reach members');
    const route = this.messenger.routeTo(await memberReach(this.call, d.tenant, d.memberId));
    if (route.via === 'APP') return void (await this.repo.markSent(d._id, 'IN_APP', 'APP', now));
    const capped = cappedUntil(await this.repo.lastSentAt(d.tenant, d.memberId), c.capHours ?? 24);
    const at = sendableAt(capped && capped > now ? capped : now, QUIET_HOURS, this.calendar.of(d.tenant));
    if (at > now) return void (await this.repo.due.deferTo(d._id, at));
    await this.messenger.toMember(route, {
      key: `campaign:${d._id}`,
      tenant: d.tenant,
      template: c.template ?? 'campaign',
      params: {
        campaignId: d.campaignId,
        offerId: d.offerId ?? '',
        memberId: d.memberId,
        storeId: d.storeId ?? '',
      },
    });
    if (await this.repo.markSent(d._id, 'SENT', route.via, now)) {
      await this.repo.sentTo(d.tenant, d.memberId, now);
      await this.repo.count(d.tenant, d.campaignId, d.storeId, 'sent');
    }
  }
}
