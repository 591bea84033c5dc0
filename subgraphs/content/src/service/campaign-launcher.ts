import type { Clock, Logger, TenantCalendar } from '@zhongtai/subgraph-kit';
import { birthdaysOn, occurrenceOf } from '../domain/campaigns.js';
import type { CampaignDoc } from '../domain/records.js';
import type { AudienceRepository } from '../store/audience-repository.js';
import type { CampaignRepository } from '../store/campaign-repository.js';
import { blankDelivery, deliveryKey } from './campaign-service.js';
import type { CampaignSender } from './campaign-sender.js';

const PAGE = 500;

/**
 * Campaigns for many members at once (R-CT-3), a periodic job: a SEGMENT campaign reaches every member
 * of its segment at `startAt`, once; a BIRTHDAY campaign, each tenant day, the members whose birthday
 * it is. Members come from the profiles content keeps (`audiences`, indexed by segment and birthday),
 * in pages of 500 scheduled with one insert each; the progress is saved after each page, so a restart
 * resumes where it stopped and a member is scheduled once per occurrence. The sender then sends them
 * under the usual cap, quiet hours and rate limits.
 */
export class CampaignLauncher {
  constructor(
    private readonly repo: CampaignRepository,
    private readonly audiences: AudienceRepository,
    private readonly sender: CampaignSender,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
    private readonly logger: Logger,
  ) {}

  /** Fans out what is due; answers how many deliveries it scheduled. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    let scheduled = 0;
    for (const c of await this.repo.fanOutCampaigns(now)) scheduled += await this.fanOut(c, now);
    if (scheduled) {
      this.logger.info({ scheduled }, 'campaign deliveries scheduled for segments and birthdays');
      await this.sender.runOnce();
    }
    return scheduled;
  }

  private async fanOut(c: CampaignDoc, now: Date): Promise<number> {
    const day = this.calendar.of(c.tenant).businessDay(now);
    const birthday = c.trigger === 'BIRTHDAY';
    const round = birthday ? day : 'once';
    if (c.fanOut?.occurrence === round && c.fanOut.done) return 0;
    const filter = birthday ? { birthday: { $in: birthdaysOn(day) } } : { segments: c.segmentId! };
    const occurrence = occurrenceOf(c.trigger!, day);
    let after = c.fanOut?.occurrence === round ? c.fanOut.after : null;
    let scheduled = 0;
    for (;;) {
      const page = await this.audiences.page(c.tenant, filter, after, PAGE);
      scheduled += await this.repo.scheduleMany(
        page.map((a) => ({
          ...blankDelivery(c.tenant, c, a.memberId, a.storeIds[0] ?? null, now),
          _id: deliveryKey(c.tenant, c.campaignId, a.memberId, occurrence),
        })),
      );
      after = page.length ? page[page.length - 1]._id : after;
      const done = page.length < PAGE;
      await this.repo.saveFanOut(c._id, { occurrence: round, after, done });
      if (done) return scheduled;
    }
  }
}
