import stringify from 'safe-stable-stringify';
import { createHash } from 'node:crypto';
import {
  DomainError,
  ErrorCode,
  type EventEnvelope,
  PointsChanged,
  TierChanged,
  conflict,
} from '@zhongtai/contracts';
import {
  type Clock,
  KeyedLock,
  type Outbox,
  type TenantCalendar,
  eventsField,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { type AccountState, LedgerError, type Lot, type Plan, newAccount } from '../domain/ledger.js';
import type { Contribution } from '../domain/merge.js';
import { expiryFor } from '../domain/earning.js';
import { type TierRule, nextReviewAt, sortTiers, upgrade } from '../domain/tiers.js';
import type { LedgerRepository } from '../store/ledger-repository.js';
import { type AccountDoc, type EntryDoc, key } from '../domain/records.js';
import type { ConfigService } from './config-service.js';
import { RecentLots } from './recent-lots.js';

export interface Planned {
  plan: Plan;
  moved?: Lot[];
  contribution?: Contribution;
  mergedInto?: string | null;
}

export type Planner = (
  account: AccountState & { mergedInto?: string | null },
  lots: Lot[],
  tiers: TierRule[],
) => Planned | null;

export interface PostOptions {
  /**
   * false: post to this very account even when it is merged into another (the merge's own entries
   * and an undo's); by default a post to a merged account goes to the account that holds its points
   */
  followMerges?: boolean;
}

/**
 * Deterministic hash of a request body: the same idempotency key with another body is a CONFLICT.
 * Key order does not matter at any depth (nested objects are written with sorted keys by
 * safe-stable-stringify); the top level keeps the pairs form it always had, so the hashes stored
 * with earlier entries still match their retries.
 */
export function requestHash(body: Record<string, unknown>): string {
  const canonical = (v: unknown) => (v === undefined ? v : JSON.parse(stringify(v) as string));
  return createHash('sha256')
    .update(
      JSON.stringify(
        Object.keys(body)
          .sort()
          .map((k) => [k, canonical(body[k])]),
      ),
    )
    .digest('hex');
}

/**
 * Posts ledger entries: loads the account (rolling forward anything a crashed writer left),
 * plans the entry with the pure core, claims the next sequence slot, applies it, and announces it.
 * Per account, writers in this process queue on a lock; writers in other processes lose the slot
 * and retry with fresh state, so an account never sees two entries computed from the same state.
 */
export class LedgerService {
  private readonly lock = new KeyedLock();
  /** the open lots this process left on the accounts it wrote last */
  private readonly recent = new RecentLots();

  constructor(
    readonly repo: LedgerRepository,
    readonly config: ConfigService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    /** the tenant's calendar (a first tier review date is months ahead on it) */
    private readonly calendar: TenantCalendar,
  ) {}

  /**
   * When a grant happens for the tenant: now, its business day, and the expiry a lot granted now
   * gets under the tenant's rules and calendar.
   */
  async grantTime(tenant: string): Promise<{ now: Date; day: string; expiresAt: Date }> {
    const { rules } = await this.config.get(tenant);
    const calendar = this.calendar.of(tenant);
    const now = this.clock.now();
    return { now, day: calendar.businessDay(now), expiresAt: expiryFor(now, rules, calendar) };
  }

  /** A member's account and open lots as stored, after rolling forward anything a crashed writer left. */
  async state(tenant: string, memberId: string): Promise<{ account: AccountDoc; lots: Lot[] }> {
    const now = this.clock.now();
    let account = await this.repo.account(tenant, memberId);
    if (await this.repo.rollForward(tenant, account, memberId, now))
      account = await this.repo.account(tenant, memberId);
    return {
      account: account ?? (await this.fresh(tenant, memberId)),
      lots: await this.repo.openLots(tenant, memberId),
    };
  }

  /**
   * The account that holds a member's points: the survivor while the member is merged. From the
   * snapshots as displayed (cached, written through by every entry): a post re-reads the account under
   * its lock and follows a merge it finds there, so a copy a moment old never strands points.
   */
  async holder(tenant: string, memberId: string): Promise<string> {
    let id = memberId;
    for (let hops = 0; hops < 16; hops++) {
      const [a] = await this.repo.accounts(tenant, [id]);
      if (!a?.mergedInto) return id;
      id = a.mergedInto;
    }
    return id;
  }

  /**
   * Posts one entry. With `idem`, a replay of the same request returns the entry it made the first
   * time, and the same key with a different body is a CONFLICT. Returns null when there is nothing
   * to post (e.g. no lot is due).
   */
  async post(
    tenant: string,
    memberId: string,
    idem: { key: string; hash: string } | null,
    planner: Planner,
    opts: PostOptions = {},
  ): Promise<EntryDoc | null> {
    return (await this.postWith(tenant, memberId, idem, planner, opts)).entry;
  }

  /** `post`, telling whether the entry returned is an earlier one (an idempotent replay). */
  async postWith(
    tenant: string,
    memberId: string,
    idem: { key: string; hash: string } | null,
    planner: Planner,
    opts: PostOptions = {},
  ): Promise<{ entry: EntryDoc | null; replayed: boolean }> {
    const idemKey = idem ? key(tenant, idem.key) : undefined;
    const replay = (existing: EntryDoc) => ({ entry: this.replayed(existing, idem!.hash), replayed: true });
    return this.lock.run(key(tenant, memberId), async () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const { account, lots, noSnapshot } = await this.current(tenant, memberId);
        // merged away since the caller looked up the holder: post where the member's points live now
        // (under the account's lock, so nothing is ever stranded on a merged account)
        if (account.mergedInto && opts.followMerges !== false)
          return this.postWith(tenant, await this.holder(tenant, account.mergedInto), idem, planner, opts);
        const { tiers } = await this.config.get(tenant);
        // a replay is found by its key when it is written (a unique index), not read first: only a
        // request the ledger cannot plan again (a redeem now short of points) looks for its first entry
        const earlier = async () => {
          const existing = idemKey ? await this.repo.entryByIdem(idemKey) : null;
          return existing ? replay(await this.settled(tenant, memberId, existing)) : null;
        };
        let planned: Planned | null;
        try {
          planned = planner(account, lots, tiers);
        } catch (error) {
          const again = await earlier();
          if (again) return again;
          if (error instanceof LedgerError)
            throw new DomainError(
              error.code === 'INSUFFICIENT_POINTS' ? ErrorCode.INSUFFICIENT_POINTS : ErrorCode.BAD_USER_INPUT,
              error.message,
            );
          throw error;
        }
        if (!planned) return (await earlier()) ?? { entry: null, replayed: false };
        const entry = this.entryOf(tenant, memberId, account, planned, tiers, idemKey, idem?.hash);
        // the entry and its events are one write: a crash after it leaves both (the relay sweeps
        // entries for events still on them, readers roll the entry forward), before it neither
        const events = this.eventsOf(entry, account);
        const outcome = await this.repo.insertEntry({ ...entry, ...eventsField(events, entry.createdAt) });
        if (!outcome.ok) {
          if (outcome.reason === 'idempotent')
            return replay(await this.settled(tenant, memberId, outcome.existing));
          // the slot is taken: by another process, or by an entry a crashed writer did not apply
          // (the snapshot is one behind it): apply what is there and plan again from its result
          await this.repo.rollForward(tenant, account, memberId, this.clock.now());
          continue;
        }
        await this.repo.applyEntry(entry, this.clock.now(), { noSnapshot });
        this.recent.remember(key(tenant, memberId), entry.seq, lots, entry.lots);
        await this.repo.emitEntryEvents(this.outbox, entry._id, events);
        return { entry, replayed: false };
      }
      throw new Error(`could not post to account ${memberId}: too much contention`);
    });
  }

  /**
   * What the next entry is planned from: the stored snapshot (one read) and its open lots — those
   * this process left after the entry the snapshot is at when it wrote that entry, else read. No
   * check for unapplied entries: one would hold the slot the next entry is written to, and that
   * insert failing is the check (`postWith`).
   */
  private async current(
    tenant: string,
    memberId: string,
  ): Promise<{ account: AccountDoc; lots: Lot[]; noSnapshot: boolean }> {
    const stored = await this.repo.account(tenant, memberId);
    // no snapshot, no lots: a first entry's lots written by a writer that died before its snapshot
    // belong to an entry that holds slot 1, so planning from none is checked by that slot too
    if (!stored) return { account: await this.fresh(tenant, memberId), lots: [], noSnapshot: true };
    const lots =
      this.recent.lotsAt(key(tenant, memberId), stored.seq) ?? (await this.repo.openLots(tenant, memberId));
    return { account: stored, lots, noSnapshot: false };
  }

  private async fresh(tenant: string, memberId: string): Promise<AccountDoc> {
    const { tiers } = await this.config.get(tenant);
    return {
      ...newAccount(memberId, sortTiers(tiers)[0].code),
      _id: key(tenant, memberId),
      tenant,
      updatedAt: this.clock.now(),
    } as AccountDoc;
  }

  /**
   * Entries a crashed writer left (written, perhaps not applied, events not handed over): rolls
   * each account forward and hands the events to the outbox. The points subgraph runs it every
   * few seconds; a client's retry does the same for its own entry at once (`settled`).
   */
  async settleInterrupted(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - 2_000);
    const entries = await this.repo.entriesWithEvents(before);
    for (const e of entries)
      await this.lock.run(key(e.tenant, e.memberId), () => this.settled(e.tenant, e.memberId, e));
    return entries.length;
  }

  /**
   * An earlier entry, before it is answered again: applied to the snapshot and its events handed to
   * the outbox (a crash may have stopped its first writer between the steps), so a client's retry
   * returns only what is recorded, applied and announced.
   */
  private async settled(tenant: string, memberId: string, existing: EntryDoc): Promise<EntryDoc> {
    await this.state(tenant, existing.memberId ?? memberId); // rolls the entry forward if needed
    const left = Object.values(existing.outboxEvents ?? {});
    if (left.length) await this.repo.emitEntryEvents(this.outbox, existing._id, left);
    return existing;
  }

  private replayed(existing: EntryDoc, hash: string): EntryDoc {
    if (existing.requestHash !== hash)
      throw conflict('This idempotency key was used with a different request');
    return existing;
  }

  private entryOf(
    tenant: string,
    memberId: string,
    before: AccountDoc,
    p: Planned,
    tiers: TierRule[],
    idemKey?: string,
    hash?: string,
  ): EntryDoc {
    const now = this.clock.now();
    // upgrades are immediate; only a REVIEW entry sets the tier and the next review date itself
    const review = p.plan.kind === 'REVIEW';
    const account = {
      ...p.plan.account,
      tier: review ? p.plan.account.tier : upgrade(before.tier, p.plan.account.periodGrowth, tiers),
      tierReviewAt: review
        ? p.plan.account.tierReviewAt
        : (before.tierReviewAt ?? nextReviewAt(now, this.calendar.of(tenant))),
      mergedInto: p.mergedInto !== undefined ? p.mergedInto : (before.mergedInto ?? null),
    };
    return {
      _id: key(tenant, memberId, account.seq),
      tenant,
      memberId,
      seq: account.seq,
      ...(idemKey ? { idemKey, requestHash: hash } : {}),
      kind: p.plan.kind,
      delta: p.plan.delta,
      pendingDelta: p.plan.pendingDelta,
      growthDelta: p.plan.growthDelta,
      source: p.plan.source,
      sourceRef: p.plan.sourceRef,
      ruleIds: p.plan.ruleIds,
      explanation: p.plan.explanation,
      expiresAt: p.plan.expiresAt,
      createdAt: now,
      lots: p.plan.lots,
      account,
      ...(p.moved ? { moved: p.moved } : {}),
      ...(p.contribution ? { contribution: p.contribution } : {}),
    };
  }

  private eventsOf(entry: EntryDoc, before: AccountState): EventEnvelope[] {
    const base = { tenant: entry.tenant, key: entry.memberId, producer: 'points', clock: this.clock };
    const events: EventEnvelope[] = [
      makeEvent(PointsChanged, {
        ...base,
        id: `points.changed:${entry._id}`,
        payload: {
          memberId: entry.memberId,
          entryId: entry._id,
          kind: entry.kind,
          delta: entry.delta,
          balance: entry.account.balance,
          ...(entry.source === 'order' || entry.source === 'refund'
            ? { orderId: entry.sourceRef, pending: entry.pendingDelta ?? 0 }
            : {}),
        },
      }),
    ];
    if (entry.account.tier !== before.tier) {
      events.push(
        makeEvent(TierChanged, {
          ...base,
          id: `tier.changed:${entry._id}`,
          payload: {
            memberId: entry.memberId,
            from: before.tier,
            to: entry.account.tier,
            growth: entry.account.periodGrowth,
          },
        }),
      );
    }
    return events;
  }
}
