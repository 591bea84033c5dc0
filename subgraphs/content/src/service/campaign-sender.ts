import { sendableAt } from '@zhongtai/contracts';
import {
  type Clock,
  ConfigError,
  type Logger,
  type Messenger,
  type ServiceCall,
  type TenantCalendar,
  memberReach,
} from '@zhongtai/subgraph-kit';
import { QUIET_HOURS, cappedUntil } from '../domain/campaigns.js';
import type { DeliveryDoc } from '../domain/records.js';
import type { CampaignRepository } from '../store/campaign-repository.js';

/** What the demo's and a typical brand's gateway accounts allow, per minute (`CAMPAIGN_RATE_LIMITS` overrides). */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, number>> = { SMS: 600, WECHAT_TEMPLATE: 1200 };

/**
 * `CAMPAIGN_RATE_LIMITS`, e.g. `SMS=300,WECHAT_TEMPLATE=1000` (messages per minute; 0 stops a channel):
 * the limits, or an error naming what is wrong. Unset: the defaults.
 */
export function parseRateLimits(raw: string | undefined): Record<string, number> {
  if (!raw?.trim()) return { ...DEFAULT_RATE_LIMITS };
  const limits: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const m = /^\s*(SMS|WECHAT_TEMPLATE|EMAIL)\s*=\s*(\d{1,7})\s*$/.exec(part);
    if (!m)
      throw new ConfigError('campaigns', [
        `CAMPAIGN_RATE_LIMITS: "${part}" is not CHANNEL=messages per minute (SMS, WECHAT_TEMPLATE, EMAIL)`,
      ]);
    limits[m[1]] = Number(m[2]);
  }
  return limits;
}

/** The start of the next minute, spread over its first 30 s by the delivery (a full minute's backlog does not wake at once). */
function nextMinute(now: Date, id: string): Date {
  let spread = 0;
  for (const ch of id) spread = (spread * 31 + ch.charCodeAt(0)) % 30_000;
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000 + spread);
}

/**
 * The campaign scheduler (a periodic job; triggers also run it at once): due deliveries are claimed
 * with a lease (the kit's DueClaims: two replicas never both send one; a dead sender's lease runs
 * out). Each goes out through the notification adapter on the channel the member consented to, with
 * the delivery's id as the message key (a resend after a crash is delivered once) — held back by the
 * frequency cap (one campaign message per member per `capHours`), the campaign's quiet hours on the
 * tenant's wall clock and the channel's rate limit (messages per minute);
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
    /** messages per minute per channel (`SMS`, `WECHAT_TEMPLATE`); a channel not listed is not limited */
    private readonly rateLimits: Partial<Record<string, number>> = DEFAULT_RATE_LIMITS,
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
    if (!c?.active) return void (await this.repo.markSent(d, 'SKIPPED', null, now));
    if (!this.call) throw new Error('campaigns need the gateway (GATEWAY_URL) to reach members');
    const route = this.messenger.routeTo(await memberReach(this.call, d.tenant, d.memberId));
    if (route.via === 'APP') return void (await this.repo.markSent(d, 'IN_APP', 'APP', now));
    const capped = cappedUntil(await this.repo.lastSentAt(d.tenant, d.memberId), c.capHours ?? 24);
    const quiet = c.quietHours ?? QUIET_HOURS;
    const at = sendableAt(capped && capped > now ? capped : now, quiet, this.calendar.of(d.tenant));
    if (at > now) return void (await this.repo.due.deferTo(d._id, at));
    // the channel's rate limit (messages per minute, all tenants: the gateway account's): full, next minute
    const limit = this.rateLimits[route.via];
    if (limit !== undefined && !(await this.repo.takeSendSlot(route.via, now, limit)))
      return void (await this.repo.due.deferTo(d._id, nextMinute(now, d._id)));
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
    if (await this.repo.markSent(d, 'SENT', route.via, now)) {
      await this.repo.sentTo(d.tenant, d.memberId, now);
      await this.repo.count(d.tenant, d.campaignId, d.storeId, 'sent');
    }
  }
}
