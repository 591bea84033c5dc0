import { type Actor, type DomainError, ErrorCode, badInput } from '@zhongtai/contracts';
import type { Clock, KeyedLock, Logger, ServiceCall } from '@zhongtai/subgraph-kit';
import { type CleanOrder, type OrderInput, cleanOrder, orderIdFor } from '../domain/order-input.js';
import { type IngestStatus, nextStatus } from '../domain/order-status.js';
import type { BuyerDoc, OrderDoc } from '../domain/records.js';
import type { OrderRepository } from '../store/order-repository.js';
import type { SettleService } from './settle-service.js';

const IDENTIFY = `mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }`;
const IDENTIFY_MANY = `mutation($i: [IdentifyMemberInput!]!) { identifyMembers(inputs: $i) { memberId code message } }`;
/** an identifyMembers batch may wait at the member center's import gate (ImportGate: up to 10 s) before it is served */
const IDENTIFY_MANY_TIMEOUT_MS = 30_000;

/** The member center's input for a buyer. */
const identifyInputOf = (buyer: BuyerDoc) => ({
  channel: buyer.channel,
  externalId: buyer.externalId,
  phone: buyer.phone ?? null,
  displayName: buyer.displayName ?? null,
  storeId: buyer.storeId ?? null,
  recruitedBy: buyer.recruitedBy ?? null,
  consents: buyer.consents ?? null,
  birthday: buyer.birthday ?? null,
});

/**
 * ingestOrder (R-OR-1): orders from every channel, deduplicated by (source, external id), attached
 * to the buyer the member center identifies, then settled (projected and announced once, see
 * SettleService). An order whose buyer the member center could not identify waits for the resume job.
 */
export class IntakeService {
  constructor(
    private readonly repo: OrderRepository,
    private readonly settle: SettleService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** one order at a time, shared with refunds and settling */
    private readonly lock: KeyedLock,
    private readonly call?: ServiceCall,
  ) {}

  /**
   * `enteredBy`: the person who typed the order in (a clerk at the store terminal), absent for
   * orders from systems: the member center treats a phone a person typed as a proposal, not as a
   * proof (no automatic merge), and the points ledger holds such orders to tighter limits.
   */
  async ingest(
    tenant: string,
    input: OrderInput,
    enteredBy?: Actor,
  ): Promise<{ order: OrderDoc; created: boolean }> {
    const clean = cleanOrder(input, this.clock.now());
    const id = orderIdFor(tenant, clean.source, clean.externalId);
    // a redelivery is found by the order's id when the order is written (its primary key), not read
    // first: a new order costs no read; one the read cache knows is looked up before its buyer
    const again = async () => {
      const existing = await this.repo.byId(tenant, id);
      return existing ? { order: await this.redelivered(existing, clean.status), created: false } : null;
    };
    return this.lock.run(id, async () => {
      if (await this.repo.known(tenant, id)) {
        const found = await again();
        if (found) return found;
      }
      const buyer = buyerOf(clean);
      const memberId = buyer ? await this.identifyBuyer(tenant, buyer, enteredBy) : undefined;
      const doc = newOrderDoc(tenant, id, clean, buyer, memberId, this.clock.now(), enteredBy);
      if (!(await this.repo.insert(doc))) return (await again())!;
      const after = await this.settle.settle(doc);
      return { order: after, created: true };
    });
  }

  /** A redelivery changes a placed order's status only; anything else about it is already known. */
  private async redelivered(existing: OrderDoc, incoming: IngestStatus): Promise<OrderDoc> {
    const next = nextStatus(existing.status, incoming);
    if (!next) return this.settle.settle(existing);
    await this.repo.setStatus(existing.tenant, existing._id, existing.status, next);
    return this.settle.settle({ ...existing, status: next });
  }

  /**
   * Many buyers at once (`identifyMembers`, one call): each one's member id, a refusal (BAD_USER_INPUT:
   * thrown for its order), or undefined while the member center cannot be reached (its orders wait);
   * RATE_LIMITED (the member center pacing imports) is thrown: the whole batch is to be sent again.
   */
  async identifyBuyers(tenant: string, buyers: BuyerDoc[]): Promise<Array<string | DomainError | undefined>> {
    if (!this.call || !buyers.length) return buyers.map(() => undefined);
    try {
      const r = await this.call<{
        identifyMembers: Array<{ memberId: string | null; code: string | null; message: string | null }>;
      }>(
        tenant,
        IDENTIFY_MANY,
        { i: buyers.map(identifyInputOf) },
        // the member center's import gate may hold the batch up to 10 s before answering: a shorter wait
        // would leave the batch's orders waiting for buyers the member center was about to identify
        { timeoutMs: IDENTIFY_MANY_TIMEOUT_MS },
      );
      return r.identifyMembers.map(
        (x) =>
          x.memberId ??
          (x.code === 'BAD_USER_INPUT' ? badInput(`buyer: ${x.message}`, { field: 'buyer' }) : undefined),
      );
    } catch (error) {
      // the member center is pacing imports (its consumers behind): the batch is refused as a whole, to
      // be sent again, rather than its orders left to wait for their buyers and finished one by one
      if ((error as { code?: string }).code === ErrorCode.RATE_LIMITED) throw error;
      this.logger.warn({ err: error }, 'member center unavailable: the orders wait for their buyers');
      return buyers.map(() => undefined);
    }
  }

  /** Identifies the buyer through the member center; null when it cannot be reached (the order waits). */
  async identifyBuyer(tenant: string, buyer: BuyerDoc, enteredBy?: Actor): Promise<string | undefined> {
    if (!this.call) return undefined;
    try {
      const r = await this.call<{ identifyMember: { member: { id: string } } }>(
        tenant,
        IDENTIFY,
        { i: identifyInputOf(buyer) },
        enteredBy ? { actor: enteredBy } : undefined,
      );
      return r.identifyMember.member.id;
    } catch (error) {
      if ((error as { code?: string }).code === 'BAD_USER_INPUT')
        throw badInput(`buyer: ${(error as Error).message}`, { field: 'buyer' });
      this.logger.warn({ err: error }, 'member center unavailable: the order waits for its buyer');
      return undefined;
    }
  }

  /**
   * The resume job: retries buyers the member center could not identify, then settles what a crash
   * interrupted (SettleService.resume); how many orders were settled.
   */
  async resume(): Promise<number> {
    let n = 0;
    for (const o of await this.repo.pending('buyerPending')) {
      const memberId = await this.identifyBuyer(o.tenant, o.buyer!, o.enteredBy).catch(() => undefined);
      if (!memberId) continue;
      await this.repo.attachMember(o.tenant, o._id, memberId);
      if (await this.settle.settleLatest(o)) n++;
    }
    return n + (await this.settle.resume());
  }
}

/** The order's buyer as the member center is asked about it (the order's store when it names none). */
export function buyerOf(clean: CleanOrder): BuyerDoc | null {
  return clean.buyer ? { ...clean.buyer, storeId: clean.buyer.storeId ?? clean.storeId ?? null } : null;
}

/** A new order as it is first written: not yet projected nor announced. */
export function newOrderDoc(
  tenant: string,
  id: string,
  clean: CleanOrder,
  buyer: BuyerDoc | null,
  memberId: string | undefined,
  now: Date,
  enteredBy?: Actor,
): OrderDoc {
  return {
    _id: id,
    tenant,
    source: clean.source,
    externalId: clean.externalId,
    channel: clean.channel,
    storeId: clean.storeId,
    memberId,
    buyer,
    buyerPending: !!buyer && !memberId,
    status: clean.status,
    lines: clean.lines,
    currency: clean.currency,
    total: clean.total,
    refundedTotal: 0,
    refundIds: [],
    placedAt: clean.placedAt,
    historical: clean.historical ? true : undefined,
    enteredBy,
    projected: false,
    // found by the resume job until its completion is announced (a crash may stop it before)
    completedAnnounced: false,
    createdAt: now,
  };
}
