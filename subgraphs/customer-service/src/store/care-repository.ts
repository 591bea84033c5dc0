import type { Connection } from 'mongoose';
import type { SurveyDoc, TicketDoc } from '../domain/records.js';
import { careModels } from './models.js';

export class CareRepository {
  private readonly m: ReturnType<typeof careModels>;
  constructor(db: Connection) {
    this.m = careModels(db);
  }

  async init(): Promise<void> {
    await Promise.all([this.m.Ticket.init(), this.m.Survey.init()]);
  }

  async ticketsOf(tenant: string, memberIds: readonly string[]): Promise<TicketDoc[]> {
    return this.m.Ticket.find({ tenant, memberId: { $in: memberIds } })
      .sort({ openedAt: -1 })
      .lean<TicketDoc[]>();
  }

  async surveysOf(tenant: string, memberIds: readonly string[]): Promise<SurveyDoc[]> {
    return this.m.Survey.find({ tenant, memberId: { $in: memberIds } })
      .sort({ scheduledFor: -1 })
      .lean<SurveyDoc[]>();
  }
}
