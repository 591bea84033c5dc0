import { DomainError, ErrorCode } from '@zhongtai/contracts';
import type { Clock, ImportGate, KeyedLock, Outbox, TenantCalendar } from '@zhongtai/subgraph-kit';
import { planImportBatch } from '../domain/import-batch.js';
import { type CleanOrder, type OrderInput, cleanOrder, orderIdFor, skuPairs } from '../domain/order-input.js';
import type { OrderDoc } from '../domain/records.js';
import { bucketsOf } from '../domain/store-days.js';
import type { OrderRepository } from '../store/order-repository.js';
import { type IntakeService, buyerOf, newOrderDoc } from './intake-service.js';
import { completionEvent } from './order-events.js';
import type { SettleService } from './settle-service.js';

/** At most this many orders in one batch. */
export const MAX_IMPORT_BATCH = 500;

export interface ImportOutcome {
  created: number;
  /** orders known already (a resumed import sends some again): handled as a redelivery each */
  existing: number;
  rejected: Array<{ index: number; code: string; message: string }>;
}

/**
 * Historical orders in batches (R-OR-5, issue "Performance"): what `ingestOrder` does for one order,
 * for up to 500 at once with a constant number of database commands per batch — existing ids and early
 * refunds read with one `$in` each, the new orders inserted in one write, their members' summaries in
 * one write and one read, first orders moved in one compare-and-set write, every store-day bucket's
 * share in one update (all buckets in one write), the pairs in one, their `order.imported` events in one
 * outbox insert, all marked projected in one. Buyers are identified once per distinct buyer. What does
 * not fit the fast path (an order known already, one with a refund that came first, a bucket that had
 * one of them, a first order that moved meanwhile) goes through the one-order path, which finds done
 * what is done. History earns no points (`order.imported`).
 */
export class ImportService {
  constructor(
    private readonly repo: OrderRepository,
    private readonly intake: IntakeService,
    private readonly settle: SettleService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
    private readonly lock: KeyedLock,
    /** backpressure on the event consumers (none: admitted at once) */
    private readonly gate?: Pick<ImportGate, 'admit'>,
  ) {}

  async importOrders(tenant: string, inputs: OrderInput[]): Promise<ImportOutcome> {
    if (inputs.length > MAX_IMPORT_BATCH)
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `at most ${MAX_IMPORT_BATCH} orders per batch`, {
        field: 'orders',
      });
    await this.gate?.admit();
    const out: ImportOutcome = { created: 0, existing: 0, rejected: [] };
    const reject = (index: number, error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      out.rejected.push({ index, code: error.code, message: error.message });
    };
    const now = this.clock.now();
    const clean: Array<{ index: number; id: string; order: CleanOrder; input: OrderInput }> = [];
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      try {
        const order = cleanOrder({ ...input, historical: true }, now);
        const id = orderIdFor(tenant, order.source, order.externalId);
        if (seen.has(id)) out.existing++;
        else clean.push({ index, id, order, input: { ...input, historical: true } });
        seen.add(id);
      } catch (error) {
        reject(index, error);
      }
    });
    if (!clean.length) return out;
    const existing = await this.repo.existingIds(
      tenant,
      clean.map((c) => c.id),
    );
    const fresh = clean.filter((c) => !existing.has(c.id));
    for (const c of clean.filter((c) => existing.has(c.id))) {
      out.existing++;
      await this.intake.ingest(tenant, c.input).catch((error: unknown) => reject(c.index, error));
    }
    const docs = await this.newDocs(tenant, fresh, reject, now);
    const inserted = await this.repo.insertMany(docs);
    const mine = docs.filter((d) => inserted.has(d._id));
    out.existing += docs.length - mine.length;
    out.created += mine.length;
    await this.project(tenant, mine);
    return out;
  }

  /** The new orders' documents, their buyers identified with one call (each distinct buyer once). */
  private async newDocs(
    tenant: string,
    fresh: Array<{ index: number; id: string; order: CleanOrder }>,
    reject: (index: number, error: unknown) => void,
    now: Date,
  ): Promise<OrderDoc[]> {
    const keyOf = (b: { channel: string; externalId: string }) => `${b.channel}|${b.externalId}`;
    const distinct = new Map<string, NonNullable<ReturnType<typeof buyerOf>>>();
    for (const c of fresh) {
      const b = buyerOf(c.order);
      if (b && !distinct.has(keyOf(b))) distinct.set(keyOf(b), b);
    }
    const answers = await this.intake.identifyBuyers(tenant, [...distinct.values()]);
    const memberOf = new Map([...distinct.keys()].map((k, i) => [k, answers[i]]));
    const docs: OrderDoc[] = [];
    for (const c of fresh) {
      const buyer = buyerOf(c.order);
      const answer = buyer ? memberOf.get(keyOf(buyer)) : undefined;
      if (answer instanceof DomainError) reject(c.index, answer);
      else docs.push(newOrderDoc(tenant, c.id, c.order, buyer, answer, now));
    }
    return docs;
  }

  /** The batch's projections, events and marks, under the locks of its members. */
  private async project(tenant: string, docs: OrderDoc[]): Promise<void> {
    const early = await this.repo.withPendingRefunds(docs.map((d) => d._id));
    const settled = docs.filter((d) => !d.buyerPending && !early.has(d._id));
    // refunds that came first, and buyers the member center could not identify: one by one (the
    // resume job finishes those waiting for their buyer)
    for (const d of docs.filter((x) => early.has(x._id) && !x.buyerPending)) await this.settle.settle(d);
    if (!settled.length) return;
    const members = [...new Set(settled.flatMap((d) => (d.memberId ? [d.memberId] : [])))];
    const lost = await this.lock.runAll(
      members.map((m) => `member:${tenant}:${m}`),
      () => this.projectBatch(tenant, settled),
    );
    // a member whose first order moved meanwhile (a live order of it, in another process): its orders
    // of the batch go the one-order way, which judges them against what is recorded now
    for (const d of settled.filter((x) => x.memberId && lost.has(x.memberId))) await this.settle.settle(d);
  }

  /** The fast path, under the members' locks: the members it left to the one-order path. */
  private async projectBatch(tenant: string, settled: OrderDoc[]): Promise<Set<string>> {
    const summaries = await this.repo.recordMemberOrders(settled);
    const plan = planImportBatch(
      settled,
      new Map(
        [...summaries].map(([m, s]) => [m, { firstOrderId: s.firstOrderId, firstOrderAt: s.firstOrderAt }]),
      ),
    );
    const moved = await this.repo.setFirstOrders(tenant, plan.firsts);
    const lost = new Set(plan.firsts.filter((f) => !moved.has(f.memberId)).map((f) => f.memberId));
    const batch = settled.filter((d) => !d.memberId || !lost.has(d.memberId));
    const rows = batch.flatMap((d) => {
      const day = this.calendar.businessDay(new Date(d.placedAt), tenant);
      return bucketsOf(d).map((storeId) => ({
        storeId,
        day,
        orderId: d._id,
        entry: plan.entries.get(d._id)!,
      }));
    });
    if (!(await this.repo.addToBuckets(tenant, rows)))
      for (const r of rows)
        await this.repo.applyToBuckets(tenant, [r.storeId], r.day, r.orderId, () => r.entry);
    const remarked = await this.repo.byIds(
      tenant,
      plan.remarks.filter((x) => !lost.has(x.memberId)).map((r) => r.orderId),
    );
    await this.repo.markRepeats(
      tenant,
      remarked.map((prev) => ({
        storeIds: bucketsOf(prev),
        day: this.calendar.businessDay(new Date(prev.placedAt), tenant),
        orderId: prev._id,
      })),
    );
    await this.repo.countPairs(
      tenant,
      batch.filter((d) => d.status !== 'CANCELLED').flatMap((d) => skuPairs(d.lines)),
    );
    // recorded before the orders are marked: a crash in between leaves them for the resume job,
    // whose announcement has the same ids (one event each)
    await this.outbox.emit(...batch.map((d) => completionEvent(d, this.clock)));
    await this.repo.markProjectedMany(batch.map((d) => d._id));
    return lost;
  }
}
