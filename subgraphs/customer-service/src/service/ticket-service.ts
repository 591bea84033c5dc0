import { type RequestContext, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import type { TicketDoc } from '../domain/records.js';
import { isOpen } from '../domain/sla.js';
import type { CareRepository } from '../store/care-repository.js';

/** Complaint tickets (R-CS-4, R-CS-5). Who may read a member's tickets: `Member.tickets` in policy.ts. */
export class TicketService {
  constructor(private readonly repo: CareRepository) {}

  /**
   * A member's tickets, newest first; `open` true/false keeps only open/resolved ones. The tickets of
   * every member a request names are read in one query.
   */
  async ofMember(ctx: RequestContext, memberId: string, open?: boolean | null): Promise<TicketDoc[]> {
    const tickets = await loader<string, TicketDoc[]>(ctx, 'cs:tickets', async (ids) =>
      groupByKeys(ids, await this.repo.ticketsOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
    return open == null ? tickets : tickets.filter((t) => isOpen(t) === open);
  }
}
