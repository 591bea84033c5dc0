import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  type Clock,
  DueClaims,
  type Outbox,
  eventsField,
  insertOnce,
  mergeUpdate,
  moveBackForUnmerge,
  moveForMerge,
} from '@zhongtai/subgraph-kit';
import type { TicketDoc, TicketStatus } from '../domain/records.js';
import { type CareModels, careModels } from './models.js';

/** Complaint tickets; the SLA watch claims those whose deadline passed, with a lease. */
export class TicketRepository {
  private readonly m: CareModels;
  readonly due: DueClaims<TicketDoc>;

  constructor(db: Connection, clock: Clock, owner: string) {
    this.m = careModels(db);
    this.due = new DueClaims(this.m.Ticket, {
      owner,
      leaseMs: 60_000,
      clock,
    });
  }

  async init(outbox: Outbox): Promise<void> {
    await this.m.Ticket.init();
    await outbox.watch(this.m.Ticket);
  }

  async ticketsOf(tenant: string, memberIds: readonly string[]): Promise<TicketDoc[]> {
    return this.m.Ticket.find({ tenant, memberId: { $in: memberIds } })
      .sort({ openedAt: -1 })
      .lean<TicketDoc[]>();
  }

  /** A store's tickets (or the tenant's), newest first; `statuses` keeps only those. */
  async list(
    tenant: string,
    f: { storeIds?: string[]; statuses?: TicketStatus[] },
    skip: number,
    limit: number,
  ): Promise<{ tickets: TicketDoc[]; total: number }> {
    const q: Record<string, unknown> = { tenant };
    if (f.storeIds) q.storeId = { $in: f.storeIds };
    if (f.statuses) q.status = { $in: f.statuses };
    const [tickets, total] = await Promise.all([
      this.m.Ticket.find(q).sort({ openedAt: -1 }).skip(skip).limit(limit).lean<TicketDoc[]>(),
      this.m.Ticket.countDocuments(q),
    ]);
    return { tickets, total };
  }

  async get(id: string): Promise<TicketDoc | null> {
    return this.m.Ticket.findById(id).lean<TicketDoc>();
  }

  /** A new ticket with its events; false when it exists (a ticket per survey, per channel message id). */
  open(doc: TicketDoc, events: EventEnvelope[], at: Date): Promise<boolean> {
    return insertOnce(this.m.Ticket, { ...doc, ...eventsField(events, at) });
  }

  /**
   * A change to a ticket in the version the caller read, with its events, in one update: a
   * concurrent change makes this one a no-op (null), to be read again.
   */
  async change(
    id: string,
    version: number,
    set: Partial<TicketDoc>,
    events: EventEnvelope[],
    at: Date,
  ): Promise<TicketDoc | null> {
    const update = { $set: { ...set, version: version + 1 } };
    return this.m.Ticket.findOneAndUpdate(
      { _id: id, version },
      events.length ? mergeUpdate(update, events, at) : update,
      { new: true },
    ).lean<TicketDoc>();
  }

  async emit(outbox: Outbox, id: string, events: EventEnvelope[]): Promise<void> {
    if (events.length) await outbox.emitFrom(this.m.Ticket, id, events);
  }

  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return moveForMerge(this.m.Ticket as never, tenant, m);
  }

  followUnmerge(tenant: string, mergeId: string): Promise<void> {
    return moveBackForUnmerge(this.m.Ticket as never, tenant, mergeId);
  }
}
