import { PointsExpiring, badInput, conflict } from '@zhongtai/contracts';
import {
  type Clock,
  KeyedLock,
  type Outbox,
  type RequestContext,
  type TenantCalendar,
  byKeys,
  groupByKeys,
  loader,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { expiryFor } from '../domain/earning.js';
import {
  adjust,
  contributionOf,
  earn,
  expire,
  mergeIn,
  mergeOut,
  newAccount,
  redeem,
  release,
  stateAfter,
  reviewTier,
  splitOut,
  violations,
} from '../domain/ledger.js';
import { nextReviewAt, review, sortTiers } from '../domain/tiers.js';
import { toLot } from '../store/ledger-repository.js';
import { type AccountDoc, type EntryDoc, type LotDoc, key } from '../store/models.js';
import type { GrantLimitsService } from './grant-limits.js';
import type { CompletedOrder } from './holds.js';
import { type LedgerService, requestHash } from './ledger-service.js';
import { type OrderPointsService, isPlus } from './order-points.js';

const MAX_POINTS = 10_000_000;

function checkPoints(points: number, field = 'points'): void {
  if (!Number.isInteger(points) || points <= 0 || points > MAX_POINTS)
    throw badInput(`${field} must be an integer between 1 and ${MAX_POINTS}`, { field });
}

function checkKey(k: string): void {
  if (!k || k.length > 128)
    throw badInput('idempotencyKey must be 1..128 characters', { field: 'idempotencyKey' });
}

/**
 * Points & growth operations: the API's earn/redeem/adjust, the ledger's reactions to orders and
 * merges, the scheduled jobs (pending release, expiry and its notice, tier review) and the
 * reconciliation that proves snapshot == ledger.
 */
export class PointsService {
  /** requests with one idempotency key queue here, so a parallel retry is a replay, not a second reservation */
  private readonly grants = new KeyedLock();

  constructor(
    readonly ledger: LedgerService,
    readonly orders: OrderPointsService,
    readonly limits: GrantLimitsService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
  ) {}

  private get repo() {
    return this.ledger.repo;
  }

  /** Whether a Plus membership is active now (the injected clock). */
  plusActive(plus: AccountDoc['plus']): boolean {
    return isPlus(plus, this.clock.now());
  }

  // ------------------------------------------------------------------ reads (batched per request)
  accounts(ctx: RequestContext) {
    return loader<string, AccountDoc | null>(ctx, 'points:account', async (ids) =>
      byKeys(ids, await this.repo.accounts(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  openLots(ctx: RequestContext) {
    return loader<string, LotDoc[]>(ctx, 'points:lots', async (ids) =>
      groupByKeys(ids, await this.repo.openLotsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  async expiring(ctx: RequestContext, memberId: string, withinDays: number): Promise<number> {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 3650)
      throw badInput('withinDays must be 0..3650', { field: 'withinDays' });
    const until = this.clock.now().getTime() + withinDays * 86_400_000;
    const lots = await this.openLots(ctx).load(memberId);
    return lots
      .filter((l) => l.status === 'AVAILABLE' && new Date(l.expiresAt).getTime() <= until)
      .reduce((n, l) => n + l.remaining, 0);
  }

  async history(
    ctx: RequestContext,
    memberId: string,
    first: number,
    beforeSeq?: number,
  ): Promise<{ entries: EntryDoc[]; total: number }> {
    if (!Number.isInteger(first) || first < 0 || first > 100)
      throw badInput('first must be between 0 and 100', { field: 'first' });
    const [entries, total] = await Promise.all([
      this.repo.history(ctx.tenant, memberId, beforeSeq, first + 1),
      this.repo.countEntries(ctx.tenant, memberId),
    ]);
    return { entries, total };
  }

  // ------------------------------------------------------------------ the API
  async earnManual(
    ctx: RequestContext,
    input: {
      memberId: string;
      points: number;
      source: string;
      idempotencyKey: string;
      reason?: string | null;
    },
  ): Promise<EntryDoc> {
    checkPoints(input.points);
    checkKey(input.idempotencyKey);
    if (!input.source?.trim() || input.source.length > 64)
      throw badInput('source must be 1..64 characters', { field: 'source' });
    const hash = requestHash({ op: 'earn', ...input });
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const { rules } = await this.ledger.config.get(ctx.tenant);
    const calendar = this.calendar.of(ctx.tenant);
    const now = this.clock.now();
    const day = calendar.businessDay(now);
    const idem = { key: `earn:${input.idempotencyKey}`, hash };
    return this.grants.run(key(ctx.tenant, idem.key), async () => {
      // a replay answers with the first entry and counts nothing; a new grant reserves its caps
      // first (FORBIDDEN over any of them) and gives them back if it is not written
      const replay = !!(await this.repo.entryByIdem(key(ctx.tenant, idem.key)));
      const reservation = replay ? null : await this.limits.reserveManualGrant(ctx, holder, input.points);
      const posted = await this.ledger
        .postWith(ctx.tenant, holder, idem, (account, lots) => ({
          plan: earn(account, lots, {
            lotId: `earn:${ctx.tenant}:${input.idempotencyKey}`,
            points: input.points,
            growth: 0,
            source: input.source.trim(),
            sourceRef: input.idempotencyKey,
            expiresAt: expiryFor(now, rules, calendar),
            pendingUntil: null,
            now,
            day,
            ruleIds: ['manual'],
            explanation: input.reason?.trim() || `${input.points} points from ${input.source.trim()}`,
          }),
        }))
        .catch(async (error: unknown) => {
          await reservation?.release();
          throw error;
        });
      if (posted.replayed) await reservation?.release();
      return posted.entry!;
    });
  }

  async redeemPoints(
    ctx: RequestContext,
    input: { memberId: string; points: number; idempotencyKey: string; reason?: string | null },
  ): Promise<EntryDoc> {
    checkPoints(input.points);
    checkKey(input.idempotencyKey);
    const hash = requestHash({ op: 'redeem', ...input });
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    return (await this.ledger.post(
      ctx.tenant,
      holder,
      { key: `redeem:${input.idempotencyKey}`, hash },
      (account, lots) => ({
        plan: redeem(account, lots, {
          points: input.points,
          source: 'redeem',
          sourceRef: input.idempotencyKey,
          explanation: input.reason?.trim() || `redeemed ${input.points} points`,
        }),
      }),
    ))!;
  }

  async adjustPoints(
    ctx: RequestContext,
    input: { memberId: string; points: number; reason: string; idempotencyKey: string },
  ): Promise<EntryDoc> {
    if (!Number.isInteger(input.points) || input.points === 0 || Math.abs(input.points) > MAX_POINTS)
      throw badInput('points must be a non-zero integer', { field: 'points' });
    if (!input.reason?.trim() || input.reason.length > 200)
      throw badInput('an adjustment needs a reason (1..200 characters)', { field: 'reason' });
    checkKey(input.idempotencyKey);
    const hash = requestHash({ op: 'adjust', ...input });
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const { rules } = await this.ledger.config.get(ctx.tenant);
    const calendar = this.calendar.of(ctx.tenant);
    const now = this.clock.now();
    const day = calendar.businessDay(now);
    return (await this.ledger.post(
      ctx.tenant,
      holder,
      { key: `adjust:${input.idempotencyKey}`, hash },
      (account, lots) => ({
        plan: adjust(account, lots, {
          points: input.points,
          lotId: `adjust:${ctx.tenant}:${input.idempotencyKey}`,
          source: `ops:${ctx.claims.role.toLowerCase()}`,
          sourceRef: input.idempotencyKey,
          expiresAt: expiryFor(now, rules, calendar),
          now,
          day,
          explanation: input.reason.trim(),
        }),
      }),
    ))!;
  }

  /** A legacy balance imported once with its provenance (R-PT-7); importing it again changes nothing. */
  async importOpening(
    ctx: RequestContext,
    input: { memberId: string; points: number; source: string; legacyRef: string; asOf: Date },
  ): Promise<EntryDoc | null> {
    if (!Number.isInteger(input.points) || input.points < 0 || input.points > MAX_POINTS)
      throw badInput('points must be 0..10,000,000', { field: 'points' });
    if (!/^[a-z0-9-]{1,32}$/.test(input.source))
      throw badInput('source is a short lowercase name such as crm or erp', { field: 'source' });
    const hash = requestHash({ op: 'opening', ...input, asOf: input.asOf.toISOString() });
    const idem = { key: `opening:${input.source}:${input.memberId}`, hash };
    const { rules } = await this.ledger.config.get(ctx.tenant);
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const calendar = this.calendar.of(ctx.tenant);
    const now = this.clock.now();
    const day = calendar.businessDay(now);
    // a zero legacy balance is recorded for the drift report but needs no entry
    const entry =
      input.points === 0
        ? null
        : await this.ledger.post(ctx.tenant, holder, idem, (account, lots) => ({
            plan: adjust(account, lots, {
              points: input.points,
              lotId: `opening:${ctx.tenant}:${input.source}:${input.memberId}`,
              source: `legacy:${input.source}`,
              sourceRef: input.legacyRef,
              expiresAt: expiryFor(now, rules, calendar),
              now,
              day,
              explanation: `opening balance imported from ${input.source} (${input.legacyRef}) as of ${input.asOf.toISOString()}`,
            }),
          }));
    await this.repo.recordOpening({
      _id: key(ctx.tenant, input.source, input.memberId),
      tenant: ctx.tenant,
      source: input.source,
      memberId: input.memberId,
      legacyRef: input.legacyRef,
      points: input.points,
      asOf: input.asOf,
      entryId: entry?._id ?? null,
    });
    return entry;
  }

  /**
   * Drift against a legacy source: for every imported member, what the legacy system says now
   * versus what was imported, and the member's balance here.
   */
  async drift(tenant: string, source: string, legacy: Array<{ memberId: string; balance: number }>) {
    const openings = await this.repo.openings(tenant, source);
    const reported = new Map(legacy.map((l) => [l.memberId, l.balance]));
    const accounts = new Map(
      (
        await this.repo.accounts(
          tenant,
          openings.map((o) => o.memberId),
        )
      ).map((a) => [a.memberId, a]),
    );
    return openings.map((o) => {
      const now = reported.get(o.memberId);
      return {
        memberId: o.memberId,
        legacyRef: o.legacyRef,
        imported: o.points,
        importedAsOf: o.asOf,
        legacyNow: now ?? null,
        drift: now === undefined ? null : now - o.points,
        balance: accounts.get(o.memberId)?.balance ?? 0,
      };
    });
  }

  /**
   * A paid Plus membership (R-PT-6): a fee buys `months` on the tenant's calendar (bought on 31
   * January for one month, it ends on 28/29 February at the same time of day, not on 3 March);
   * buying while active extends the end date. Idempotent by key. A payment backend (SYSTEM) pays
   * at least the tenant's price; HQ may give it for any fee, recorded as a gift with who gave it.
   */
  async purchasePlus(
    ctx: RequestContext,
    input: { memberId: string; months: number; fee: number; currency: string; idempotencyKey: string },
  ): Promise<AccountDoc['plus']> {
    checkKey(input.idempotencyKey);
    if (!Number.isInteger(input.months) || input.months < 1 || input.months > 36)
      throw badInput('months must be 1..36', { field: 'months' });
    if (!Number.isInteger(input.fee) || input.fee < 0)
      throw badInput('fee is a non-negative amount in fen', { field: 'fee' });
    if (!/^[A-Z]{3}$/.test(input.currency))
      throw badInput('currency is an ISO 4217 code', { field: 'currency' });
    const hash = requestHash({ op: 'plus', ...input });
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const existing = await this.repo.plusPurchase(key(ctx.tenant, input.idempotencyKey));
    if (existing) {
      if (existing.requestHash !== hash)
        throw conflict('This idempotency key was used with a different request');
      return (await this.repo.account(ctx.tenant, holder))?.plus ?? null;
    }
    const { listPrice, gift } = await this.limits.plusPrice(ctx, input);
    const now = this.clock.now();
    const current = (await this.repo.account(ctx.tenant, holder))?.plus;
    const active = current && new Date(current.endsAt) > now;
    const plus = {
      startsAt: active ? new Date(current.startsAt) : now,
      endsAt: this.calendar.addMonths(active ? new Date(current.endsAt) : now, input.months, ctx.tenant),
      fee: input.fee,
      currency: input.currency,
    };
    const recorded = await this.repo.insertPlusPurchase({
      _id: key(ctx.tenant, input.idempotencyKey),
      tenant: ctx.tenant,
      memberId: holder,
      requestHash: hash,
      months: input.months,
      fee: input.fee,
      currency: input.currency,
      at: now,
      by: { role: ctx.claims.role, sub: ctx.claims.sub ?? null },
      listPrice,
      gift,
    });
    // a parallel request with the same key recorded it first: answer as its retry
    if (!recorded) return this.purchasePlus(ctx, input);
    await this.repo.setPlus(ctx.tenant, holder, plus, (await this.ledger.state(ctx.tenant, holder)).account);
    return plus;
  }

  // ------------------------------------------------------------------ reactions to other subgraphs
  /** order.completed: the order's points, or a hold for approval (`order-points.ts`, `holds.ts`). */
  orderCompleted(tenant: string, order: CompletedOrder): Promise<void> {
    return this.orders.completed(tenant, order);
  }

  orderRefunded(
    tenant: string,
    refund: { orderId: string; memberId?: string; refundedTotal: number; orderTotal: number },
  ): Promise<void> {
    return this.orders.refunded(tenant, refund);
  }

  skuChanged(tenant: string, sku: string, category: string): Promise<void> {
    return this.orders.skuChanged(tenant, sku, category);
  }

  /** member.merged: the merged member's open lots, debt and growth move to the survivor (recorded, so an undo is exact). */
  async memberMerged(
    tenant: string,
    m: { mergeId: string; survivorId: string; mergedId: string },
  ): Promise<void> {
    const out = await this.ledger.post(
      tenant,
      m.mergedId,
      { key: `merge-out:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => {
        const r = mergeOut(account, lots, m.mergeId, m.survivorId);
        return {
          plan: r.plan,
          moved: r.moved,
          contribution: contributionOf(account),
          mergedInto: m.survivorId,
        };
      },
      { followMerges: false },
    );
    const record = out ?? (await this.repo.entryByIdem(key(tenant, `merge-out:${m.mergeId}`)))!;
    const survivor = await this.ledger.holder(tenant, m.survivorId);
    await this.ledger.post(
      tenant,
      survivor,
      { key: `merge-in:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => ({
        plan: mergeIn(account, lots, {
          mergeId: m.mergeId,
          from: { ...record.contribution!, memberId: m.mergedId },
          moved: (record.moved ?? []).map(toLot),
          direction: 'merge',
        }),
      }),
    );
  }

  /** member.unmerged: what is left of the merged member's lots, and its contribution, go back. */
  async memberUnmerged(
    tenant: string,
    m: { mergeId: string; survivorId: string; mergedId: string },
  ): Promise<void> {
    const mergedOut = await this.repo.entryByIdem(key(tenant, `merge-out:${m.mergeId}`));
    if (!mergedOut) return; // the merge never reached the ledger
    const survivor = await this.ledger.holder(tenant, m.survivorId);
    const out = await this.ledger.post(
      tenant,
      survivor,
      { key: `unmerge-out:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => {
        const r = splitOut(account, lots, m.mergeId, m.mergedId, mergedOut.contribution!);
        return { plan: r.plan, moved: r.moved, contribution: r.contribution };
      },
    );
    const record = out ?? (await this.repo.entryByIdem(key(tenant, `unmerge-out:${m.mergeId}`)))!;
    await this.ledger.post(
      tenant,
      m.mergedId,
      { key: `unmerge-in:${m.mergeId}`, hash: m.mergeId },
      (account, lots) => ({
        plan: mergeIn(account, lots, {
          mergeId: m.mergeId,
          from: { ...record.contribution!, memberId: m.survivorId },
          moved: (record.moved ?? []).map(toLot),
          direction: 'unmerge',
        }),
        mergedInto: null,
      }),
      { followMerges: false },
    );
  }

  // ------------------------------------------------------------------ jobs
  /** Releases pending lots past their return window and expires lots past their expiry. */
  async releaseAndExpire(): Promise<number> {
    const now = this.clock.now();
    let posted = 0;
    for (const { tenant, memberId } of await this.repo.membersWithDueLots(now)) {
      if (
        await this.ledger.post(tenant, memberId, null, (account, lots) => {
          const p = release(account, lots, now);
          return p && { plan: p };
        })
      )
        posted++;
      if (
        await this.ledger.post(tenant, memberId, null, (account, lots) => {
          const p = expire(account, lots, now);
          return p && { plan: p };
        })
      )
        posted++;
    }
    return posted;
  }

  /** Advance notice of expiry (`points.expiring`), `days` before, once per lot. */
  async noticeExpiring(days = 30): Promise<number> {
    const now = this.clock.now();
    const lots = await this.repo.lotsExpiringWithin(now, new Date(now.getTime() + days * 86_400_000));
    const byMember = new Map<string, LotDoc[]>();
    for (const l of lots)
      byMember.set(key(l.tenant, l.memberId), [...(byMember.get(key(l.tenant, l.memberId)) ?? []), l]);
    for (const group of byMember.values()) {
      const { tenant, memberId } = group[0];
      const first = group.reduce(
        (d, l) => (new Date(l.expiresAt) < d ? new Date(l.expiresAt) : d),
        new Date(group[0].expiresAt),
      );
      await this.outbox.emit(
        makeEvent(PointsExpiring, {
          id: `points.expiring:${group
            .map((l) => l._id)
            .sort()
            .join(',')}`,
          tenant,
          key: memberId,
          producer: 'points',
          clock: this.clock,
          payload: {
            memberId,
            points: group.reduce((n, l) => n + l.remaining, 0),
            expiresAt: first.toISOString(),
            lotIds: group.map((l) => l.lotId),
          },
        }),
      );
      await this.repo.markNoticed(
        group.map((l) => l._id),
        now,
      );
    }
    return byMember.size;
  }

  /**
   * Tier reviews that are due: downgrades happen only here (R-PT-6); the next one is a year later on
   * the tenant's calendar.
   */
  async reviewTiers(): Promise<number> {
    const now = this.clock.now();
    let n = 0;
    for (const a of await this.repo.accountsDueForReview(now)) {
      const { tiers } = await this.ledger.config.get(a.tenant);
      const posted = await this.ledger.post(
        a.tenant,
        a.memberId,
        { key: `review:${a.memberId}:${new Date(a.tierReviewAt!).toISOString()}`, hash: 'review' },
        (account, lots) =>
          account.tierReviewAt && new Date(account.tierReviewAt) <= now
            ? {
                plan: reviewTier(account, lots, {
                  tier: review(account.periodGrowth, tiers),
                  nextReviewAt: nextReviewAt(new Date(account.tierReviewAt), this.calendar.of(a.tenant)),
                }),
              }
            : null,
      );
      if (posted) n++;
    }
    return n;
  }

  // ------------------------------------------------------------------ reconciliation
  /**
   * Proves snapshot == ledger for every account of a tenant (or one member): rolls forward
   * anything unapplied, replays all entries, and checks the invariants against the stored lots.
   */
  async reconcile(
    tenant: string,
    memberId?: string,
  ): Promise<{ checked: number; mismatches: Array<{ memberId: string; problems: string[] }> }> {
    const mismatches: Array<{ memberId: string; problems: string[] }> = [];
    let checked = 0;
    const check = async (a: AccountDoc) => {
      checked++;
      await this.repo.rollForward(tenant, a, a.memberId, this.clock.now());
      const snapshot = (await this.repo.account(tenant, a.memberId))!;
      const entries = await this.repo.entriesAfter(tenant, a.memberId, 0);
      const { tiers } = await this.ledger.config.get(tenant);
      const replayed = stateAfter(
        newAccount(a.memberId, sortTiers(tiers)[0].code),
        entries.map((e) => ({ account: e.account, lots: e.lots.map(toLot) })),
      );
      const problems: string[] = [];
      for (const f of [
        'seq',
        'balance',
        'pending',
        'debt',
        'lifetimeEarned',
        'growth',
        'periodGrowth',
        'tier',
      ] as const) {
        if (replayed.account[f] !== snapshot[f])
          problems.push(`${f}: snapshot ${snapshot[f]} != ledger ${replayed.account[f]}`);
      }
      const stored = await this.repo.allLots(tenant, a.memberId);
      for (const lot of stored) {
        const expected = replayed.lots.get(lot.id);
        if (!expected || expected.remaining !== lot.remaining || expected.status !== lot.status)
          problems.push(
            `lot ${lot.id}: stored ${lot.remaining}/${lot.status} != ledger ${expected?.remaining}/${expected?.status}`,
          );
      }
      problems.push(...violations(snapshot, stored));
      if (problems.length) mismatches.push({ memberId: a.memberId, problems });
    };
    if (memberId) {
      const a = await this.repo.account(tenant, memberId);
      if (a) await check(a);
    } else {
      for await (const page of this.repo.allAccounts(tenant)) for (const a of page) await check(a);
    }
    return { checked, mismatches };
  }
}
