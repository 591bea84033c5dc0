import { TicketEscalated } from '@zhongtai/contracts';
import { type Clock, type Logger, type Outbox, makeEvent } from '@zhongtai/subgraph-kit';
import type { TicketDoc } from '../domain/records.js';
import { deadline, escalationDue } from '../domain/sla.js';
import type { TicketRepository } from '../store/ticket-repository.js';
import type { CatalogueService } from './catalogue-service.js';

/**
 * The SLA watch (a periodic job; tests call `runOnce`): tickets whose next check is due are claimed
 * with a lease; a breached one is escalated (`ticket.escalated`: the store manager at once, HQ later),
 * each level once, written with its event on the ticket's next version.
 */
export class SlaWatch {
  constructor(
    private readonly repo: TicketRepository,
    private readonly catalogue: CatalogueService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async runOnce(limit = 100): Promise<number> {
    const round = await this.repo.due.process(
      { status: { $in: ['OPEN', 'WAITING_ON_CUSTOMER'] } },
      limit,
      (t) => this.check(t),
      (t, error) => this.logger.warn({ err: error, ticket: t._id }, 'SLA check failed; retried later'),
    );
    return round.counted; // escalated
  }

  private async check(t: TicketDoc): Promise<boolean> {
    const now = this.clock.now();
    const settings = await this.catalogue.settings(t.tenant);
    const { level, next } = escalationDue(t, now, settings.escalateToHqAfterHours * 3600_000);
    const release = { dueAt: next, leaseUntil: null, leaseOwner: null };
    if (!level) {
      if (!(await this.repo.change(t._id, t.version, release, [], now)))
        await this.repo.due.deferTo(t._id, now);
      return false;
    }
    const event = makeEvent(TicketEscalated, {
      id: `ticket.escalated:${t._id}:${level}`,
      tenant: t.tenant,
      key: t.memberId,
      producer: 'customer-service',
      clock: this.clock,
      payload: {
        ticketId: t._id,
        memberId: t.memberId,
        ...(t.storeId ? { storeId: t.storeId } : {}),
        level,
        dueAt: deadline(t, now).toISOString(),
        subject: t.subject,
      },
    });
    const changed = await this.repo.change(
      t._id,
      t.version,
      { ...release, escalations: [...t.escalations, { level, at: now }] },
      [event],
      now,
    );
    if (!changed) {
      await this.repo.due.deferTo(t._id, now); // changed meanwhile: looked at again with its new state
      return false;
    }
    await this.repo.emit(this.outbox, t._id, [event]);
    return true;
  }
}
