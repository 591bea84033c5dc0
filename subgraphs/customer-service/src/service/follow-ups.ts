import type { Clock, Logger, Messenger } from '@zhongtai/subgraph-kit';
import type { FollowUpRecord, SurveyDoc, TicketDoc } from '../domain/records.js';
import { LIMIT, RECENT_DAYS, candidates, recommendations } from '../domain/recommend.js';
import { satisfaction } from '../domain/survey-tags.js';
import type { CatalogueService } from './catalogue-service.js';
import { type Platform, STOCK_BATCH } from './platform.js';
import type { TicketService } from './ticket-service.js';

/**
 * What an answer leads to, at once (R-CS-3, R-CS-4):
 * - satisfied (4–5): SKUs of the category the member has not bought in 90 days and that are in
 *   stock at its store, with the promotions and store invitations of its feed (3: those only);
 * - unsatisfied (1–2): a ticket, an apology on the channel the member consented to, and the store
 *   that sold the order told through its contact (with the clerk the order is attributed to).
 * Every step is idempotent by the survey's id (ticket id, message keys), so doing it again after a
 * crash or a retry changes nothing.
 */
export class FollowUps {
  constructor(
    private readonly tickets: TicketService,
    private readonly catalogue: CatalogueService,
    private readonly platform: Platform,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly messenger: Messenger,
  ) {}

  /** The follow-up to record, and the ticket it opened (unhappy answers). */
  async of(s: SurveyDoc): Promise<{ record: FollowUpRecord; ticket: TicketDoc | null }> {
    const mood = satisfaction(s.score!);
    if (mood !== 'UNSATISFIED') {
      // the category's SKUs (cached) are known first, so their stock comes with the member view
      const category = mood === 'SATISFIED' ? await this.catalogue.skusOf(s.tenant, s.category) : [];
      const first = category.slice(0, STOCK_BATCH);
      const member = await this.platform.member(s.tenant, s.memberId, { skus: first, storeId: s.storeId });
      let skus: string[] = [];
      if (member && first.length) {
        const since = new Date(this.clock.now().getTime() - RECENT_DAYS * 86_400_000);
        const bought = member.boughtSince(since);
        skus = recommendations(first, bought, member.inStock);
        // a category larger than one stock request: a few more candidates beyond it when short
        const more = candidates(category.slice(STOCK_BATCH), bought);
        if (skus.length < LIMIT && more.length)
          skus = [
            ...skus,
            ...recommendations(more, bought, await this.platform.inStock(s.tenant, more, s.storeId)),
          ].slice(0, LIMIT);
      }
      const record: FollowUpRecord = {
        kind: 'RECOMMENDATION',
        recommendedSkus: skus,
        contentIds: (member?.promotions ?? []).slice(0, 3),
        ticketId: null,
        notifiedStoreId: null,
      };
      return { record, ticket: null };
    }
    const ticket = await this.tickets.openFromSurvey(s);
    // the apology and the store's alert are independent: sent side by side
    const [, notifiedStoreId] = await Promise.all([
      this.apologise(s, ticket._id),
      this.tellStore(s, ticket._id),
    ]);
    const record: FollowUpRecord = {
      kind: 'APOLOGY',
      recommendedSkus: [],
      contentIds: [],
      ticketId: ticket._id,
      notifiedStoreId,
    };
    return { record, ticket };
  }

  /** The apology, on the channel the member consented to (none: it is not sent). */
  private async apologise(s: SurveyDoc, ticketId: string): Promise<void> {
    await this.messenger.toMember(this.messenger.routeTo(await this.platform.reach(s.tenant, s.memberId)), {
      key: `apology:${s._id}`,
      tenant: s.tenant,
      template: 'apology',
      params: { surveyId: s._id, ticketId },
    });
  }

  /** The selling store's contact (settings), told about the unhappy customer; the store, or null. */
  private async tellStore(s: SurveyDoc, ticketId: string): Promise<string | null> {
    if (!s.storeId || !this.messenger.sends) return null;
    const contact = (await this.catalogue.settings(s.tenant)).storeContacts.find(
      (c) => c.storeId === s.storeId,
    );
    if (!contact) {
      this.logger.warn({ tenant: s.tenant, storeId: s.storeId }, 'no contact for the store: not told');
      return null;
    }
    const sent = await this.messenger.toContact(contact, {
      key: `store-alert:${s._id}`,
      tenant: s.tenant,
      template: 'complaint-followup',
      params: {
        surveyId: s._id,
        ticketId,
        orderId: s.orderId ?? '',
        score: String(s.score),
        comment: s.comment ?? '',
        attributedTo: s.attributedTo ?? '',
      },
    });
    return sent ? s.storeId : null;
  }
}
