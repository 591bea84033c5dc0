import type { SurveyRepository } from '../store/survey-repository.js';
import type { TicketRepository } from '../store/ticket-repository.js';

/** Surveys and tickets follow the member through merges and back (R-ID-2). */
export class MergeFollower {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly tickets: TicketRepository,
  ) {}

  async merged(tenant: string, m: { mergeId: string; survivorId: string; mergedId: string }): Promise<void> {
    await this.surveys.followMerge(tenant, m);
    await this.tickets.followMerge(tenant, m);
  }

  async unmerged(tenant: string, m: { mergeId: string }): Promise<void> {
    await this.surveys.followUnmerge(tenant, m.mergeId);
    await this.tickets.followUnmerge(tenant, m.mergeId);
  }
}
