import type { Clock, TenantCalendar } from '@zhongtai/subgraph-kit';
import { type SurveyDoc, key, scheduledSurvey } from '../domain/records.js';
import { type OrderLine, mainCategory, surveyDueAt } from '../domain/templates.js';
import type { SurveyRepository } from '../store/survey-repository.js';
import type { CatalogueService } from './catalogue-service.js';

export interface CompletedOrder {
  orderId: string;
  memberId?: string;
  storeId?: string;
  placedAt: Date;
  lines: OrderLine[];
  enteredBy?: { role: string; sub?: string | null } | null;
}

/**
 * Post-purchase surveys (R-CS-1): `order.completed` schedules one survey per order, timed by the
 * template of its main line's category (at once after the purchase, or N days after it); a refund
 * before it is sent cancels it. An order without a member or a template is not surveyed, nor one
 * whose survey would already be past its answer window (a legacy order synced months later).
 */
export class SurveyPlanner {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly catalogue: CatalogueService,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
  ) {}

  /** The survey scheduled, or why none was (for logs and tests). */
  async orderCompleted(
    tenant: string,
    o: CompletedOrder,
  ): Promise<SurveyDoc | 'no-member' | 'no-template' | 'too-old'> {
    if (!o.memberId) return 'no-member';
    const categories = await this.catalogue.categoriesOf(
      tenant,
      o.lines.map((l) => l.sku),
    );
    const category = mainCategory(o.lines, (sku) => categories.get(sku));
    const template = category && (await this.catalogue.template(tenant, category));
    if (!category || !template) return 'no-template';
    const cal = this.calendar.of(tenant);
    const at = surveyDueAt(o.placedAt, template.delayDays, cal);
    const { answerWithinDays } = await this.catalogue.settings(tenant);
    if (cal.addDays(at, answerWithinDays) <= this.clock.now()) return 'too-old';
    const doc = scheduledSurvey(
      {
        _id: key(tenant, `order:${o.orderId}`),
        tenant,
        memberId: o.memberId,
        orderId: o.orderId,
        storeId: o.storeId ?? null,
        attributedTo: o.enteredBy?.sub ?? null,
        campaignId: null,
        category,
      },
      at,
    );
    await this.surveys.insert(doc); // a redelivered order.completed finds it scheduled
    return doc;
  }

  /** A refund before the survey went out cancels it. */
  orderRefunded(tenant: string, orderId: string): Promise<number> {
    return this.surveys.cancelForOrder(tenant, orderId, this.clock.now());
  }
}
