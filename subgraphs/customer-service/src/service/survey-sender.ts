import { sendableAt } from '@zhongtai/contracts';
import type { Clock, Logger, Messenger, TenantCalendar } from '@zhongtai/subgraph-kit';
import type { SurveyDoc } from '../domain/records.js';
import type { SurveyRepository } from '../store/survey-repository.js';
import type { AnswerService } from './answer-service.js';
import type { CatalogueService } from './catalogue-service.js';
import type { Platform } from './platform.js';

/**
 * The survey scheduler (a periodic job; tests call `runOnce`): due surveys are found by index and
 * claimed with a lease (the kit's DueClaims), so two replicas never both send one and a survey a
 * crashed sender held is taken up again when its lease ends. Each claimed survey is
 * - SCHEDULED: sent through the notification adapter on the channel the member consented to
 *   (deferred to the end of the tenant's quiet hours) (the survey id is the message key: a resend
 *   after a crash is delivered once), or, without consent, left for the member in the app;
 * - SENT past its answer window: expired;
 * - ANSWERED without its follow-up (the request died before it): followed up now.
 * A failure is retried with backoff.
 */
export class SurveySender {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly catalogue: CatalogueService,
    private readonly platform: Platform,
    private readonly answers: AnswerService,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
    private readonly logger: Logger,
    private readonly messenger: Messenger,
  ) {}

  async runOnce(limit = 100): Promise<number> {
    const round = await this.surveys.due.process(
      { status: { $in: ['SCHEDULED', 'SENT', 'ANSWERED'] } },
      limit,
      (s) => this.work(s),
      (s, error) => this.logger.warn({ err: error, survey: s._id }, 'survey work failed; retried later'),
    );
    return round.claimed;
  }

  private async work(s: SurveyDoc): Promise<void> {
    const now = this.clock.now();
    if (s.status === 'ANSWERED') return void (await this.answers.finish(s));
    if (s.status === 'SENT') {
      if (s.expiresAt && new Date(s.expiresAt) <= now) await this.surveys.markExpired(s._id);
      else await this.surveys.due.deferTo(s._id, new Date(s.expiresAt ?? now));
      return;
    }
    const settings = await this.catalogue.settings(s.tenant);
    const cal = this.calendar.of(s.tenant);
    const route = this.messenger.routeTo(await this.platform.reach(s.tenant, s.memberId));
    // quiet hours hold back messages, not a survey that waits in the app
    const at = route.via === 'APP' ? now : sendableAt(now, settings.quietHours, cal);
    if (at > now) return void (await this.surveys.due.deferTo(s._id, at));
    await this.messenger.toMember(route, {
      key: `survey:${s._id}`,
      tenant: s.tenant,
      template: 'survey-invite',
      params: { surveyId: s._id, category: s.category, orderId: s.orderId ?? '' },
    });
    await this.surveys.markSent(s._id, route.via, now, cal.addDays(now, settings.answerWithinDays));
  }
}
