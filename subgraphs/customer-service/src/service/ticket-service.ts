import { TicketOpened, badInput, conflict, notFound } from '@zhongtai/contracts';
import {
  type Clock,
  type Outbox,
  type RequestContext,
  groupByKeys,
  loader,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { type SurveyDoc, type TicketDoc, type TicketStatus, key } from '../domain/records.js';
import { deadline, isOpen, nextCheck, pause, resume } from '../domain/sla.js';
import type { TicketRepository } from '../store/ticket-repository.js';
import type { CatalogueService } from './catalogue-service.js';

const H = 3600_000;
const text = (v: string, field: string, max: number) => {
  const t = v?.trim();
  if (!t || t.length > max) throw badInput(`${field} is 1..${max} characters`, { field });
  return t;
};

/**
 * Complaint tickets (R-CS-4, R-CS-5): opened from an unhappy answer, a channel or staff; staff
 * respond (the ticket then waits on the customer and the SLA clock pauses), the customer answers
 * (the clock runs again), staff resolve. Each change applies to the version it was made from, with
 * its event; the same change again (a retry) is answered as before. Who may do what: policy.ts.
 */
export class TicketService {
  constructor(
    private readonly repo: TicketRepository,
    private readonly catalogue: CatalogueService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** A member's tickets, newest first; `open` true/false keeps only open/resolved ones (one query per request). */
  async ofMember(ctx: RequestContext, memberId: string, open?: boolean | null): Promise<TicketDoc[]> {
    const tickets = await loader<string, TicketDoc[]>(ctx, 'cs:tickets', async (ids) =>
      groupByKeys(ids, await this.repo.ticketsOf(ctx.tenant, ids), (d) => d.memberId),
    ).load(memberId);
    return open == null ? tickets : tickets.filter((t) => isOpen(t) === open);
  }

  /** The tickets of some stores (or the tenant's), newest first: `first` after the index `after`. */
  async list(
    tenant: string,
    f: { storeIds?: string[]; open?: boolean | null },
    first: number,
    after: number | null,
  ): Promise<{ tickets: TicketDoc[]; total: number; skip: number }> {
    if (!Number.isInteger(first) || first < 0 || first > 100)
      throw badInput('first must be between 0 and 100', { field: 'first' });
    if (after != null && (!Number.isInteger(after) || after < 0))
      throw badInput('after is not a cursor from this list', { field: 'after' });
    const skip = after == null ? 0 : after + 1;
    const statuses: TicketStatus[] | undefined =
      f.open == null ? undefined : f.open ? ['OPEN', 'WAITING_ON_CUSTOMER'] : ['RESOLVED'];
    return { ...(await this.repo.list(tenant, { storeIds: f.storeIds, statuses }, skip, first)), skip };
  }

  get(ctx: RequestContext, id: string): Promise<TicketDoc | null> {
    return loader<string, TicketDoc | null>(ctx, 'cs:ticket', async (ids) =>
      Promise.all(
        ids.map(async (i) => {
          const t = await this.repo.get(i);
          return t?.tenant === ctx.tenant ? t : null;
        }),
      ),
    ).load(id);
  }

  /** The ticket of an unhappy answer: one per survey. */
  openFromSurvey(s: SurveyDoc): Promise<TicketDoc> {
    return this.open(s.tenant, {
      // one per survey: `demo|order:o-1` → `demo|ticket:order:o-1`
      id: key(s.tenant, `ticket:${s._id.slice(s.tenant.length + 1)}`),
      memberId: s.memberId,
      orderId: s.orderId,
      storeId: s.storeId,
      surveyId: s._id,
      source: 'SURVEY',
      subject: `Unhappy with ${s.category} (score ${s.score})${s.comment ? `: ${s.comment}` : ''}`.slice(
        0,
        200,
      ),
      message: null,
    });
  }

  /** A ticket a channel or staff opened; idempotent by key. */
  openBy(
    ctx: RequestContext,
    input: {
      memberId: string;
      subject: string;
      orderId?: string | null;
      storeId?: string | null;
      idempotencyKey: string;
    },
  ): Promise<TicketDoc> {
    const k = text(input.idempotencyKey, 'idempotencyKey', 128);
    // keys of callers live apart from the tickets of surveys (`ticket:order:…`)
    return this.open(ctx.tenant, {
      id: key(ctx.tenant, `ticket:key:${k}`),
      memberId: input.memberId,
      orderId: input.orderId ?? null,
      storeId: input.storeId ?? null,
      surveyId: null,
      source: ctx.claims.role === 'MEMBER' || ctx.claims.role === 'SYSTEM' ? 'CHANNEL' : 'STAFF',
      subject: text(input.subject, 'subject', 200),
      message: { role: ctx.claims.role, sub: ctx.claims.sub ?? null },
    });
  }

  private async open(
    tenant: string,
    o: Pick<TicketDoc, 'memberId' | 'orderId' | 'storeId' | 'surveyId' | 'source' | 'subject'> & {
      id: string;
      message: { role: string; sub: string | null } | null;
    },
  ): Promise<TicketDoc> {
    const now = this.clock.now();
    const settings = await this.catalogue.settings(tenant);
    const doc: TicketDoc = {
      _id: o.id,
      tenant,
      memberId: o.memberId,
      originalMemberId: o.memberId,
      orderId: o.orderId,
      storeId: o.storeId,
      surveyId: o.surveyId,
      source: o.source,
      status: 'OPEN',
      subject: o.subject,
      openedAt: now,
      firstResponseAt: null,
      slaMs: settings.slaHours * H,
      pausedMs: 0,
      waitingSince: null,
      messages: o.message ? [{ at: now, ...o.message, text: o.subject }] : [],
      escalations: [],
      resolvedAt: null,
      resolution: null,
      version: 0,
      dueAt: null,
      attempts: 0,
      leaseUntil: null,
      leaseOwner: null,
      lastError: null,
    };
    doc.dueAt = nextCheck(doc, now);
    const event = makeEvent(TicketOpened, {
      id: `ticket.opened:${doc._id}`,
      tenant,
      key: doc.memberId,
      producer: 'customer-service',
      clock: this.clock,
      payload: {
        ticketId: doc._id,
        memberId: doc.memberId,
        ...(doc.storeId ? { storeId: doc.storeId } : {}),
        ...(doc.orderId ? { orderId: doc.orderId } : {}),
        source: doc.source,
        subject: doc.subject,
        dueAt: deadline(doc, now).toISOString(),
      },
    });
    if (await this.repo.open(doc, [event], now)) {
      await this.repo.emit(this.outbox, doc._id, [event]);
      return doc;
    }
    // opened before (a retry, or a racing open): the same ticket; a key someone used for another
    // member reveals nothing
    const existing = (await this.repo.get(doc._id))!;
    if (existing.originalMemberId !== o.memberId && existing.memberId !== o.memberId)
      throw conflict('This idempotency key was used for another ticket');
    return existing;
  }

  /**
   * A message on a ticket. From staff: the first one is the first response, and the ticket waits on
   * the customer (the SLA clock pauses). From the member: the ticket is open again (the clock runs).
   */
  async respond(ctx: RequestContext, ticketId: string, message: string): Promise<TicketDoc> {
    const body = text(message, 'message', 2000);
    const fromMember = ctx.claims.role === 'MEMBER';
    return this.change(ctx, ticketId, (t, now) => {
      if (t.status === 'RESOLVED') throw conflict('This ticket is resolved');
      const last = t.messages[t.messages.length - 1];
      if (
        last &&
        last.text === body &&
        last.role === ctx.claims.role &&
        last.sub === (ctx.claims.sub ?? null)
      )
        return null; // the same message again: a retry
      const clock = fromMember ? resume(t, now) : pause(t, now);
      const next = { ...t, ...clock };
      return {
        ...clock,
        status: fromMember ? 'OPEN' : 'WAITING_ON_CUSTOMER',
        firstResponseAt: t.firstResponseAt ?? (fromMember ? null : now),
        messages: [
          ...t.messages,
          { at: now, role: ctx.claims.role, sub: ctx.claims.sub ?? null, text: body },
        ],
        dueAt: fromMember ? nextCheck(next, now) : null,
      };
    });
  }

  /** Resolved with a resolution; the same resolution again is a retry, another one a CONFLICT. */
  async resolve(ctx: RequestContext, ticketId: string, resolution: string): Promise<TicketDoc> {
    const body = text(resolution, 'resolution', 2000);
    return this.change(ctx, ticketId, (t, now) => {
      if (t.status === 'RESOLVED') {
        if (t.resolution === body) return null;
        throw conflict('This ticket is already resolved');
      }
      return {
        ...resume(t, now),
        status: 'RESOLVED',
        resolvedAt: now,
        resolution: body,
        firstResponseAt: t.firstResponseAt ?? now,
        dueAt: null,
      };
    });
  }

  private async change(
    ctx: RequestContext,
    id: string,
    plan: (t: TicketDoc, now: Date) => Partial<TicketDoc> | null,
  ): Promise<TicketDoc> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const t = await this.repo.get(id);
      if (!t || t.tenant !== ctx.tenant) throw notFound('No such ticket');
      const now = this.clock.now();
      const set = plan(t, now);
      if (!set) return t;
      const changed = await this.repo.change(id, t.version, set, [], now);
      if (changed) return changed;
    }
    throw conflict('This ticket is being changed by someone else; try again');
  }
}
