import { DomainError, ErrorCode, badInput } from '@zhongtai/contracts';
import { type Clock, type RequestContext, type TenantCalendar, businessDay } from '@zhongtai/subgraph-kit';
import {
  type GrantLimits,
  type OrderActor,
  type Refusal,
  dailyLimit,
  dailyRefusal,
  perGrantRefusal,
  staffCapDetail,
  staffSubject,
} from '../domain/limits.js';
import type { AccountState } from '../domain/ledger-core.js';
import type { CounterKey, LimitCounters } from '../store/limit-counters.js';
import type { ConfigService } from './config-service.js';

/**
 * Points reserved on daily counters for a grant that is about to be posted: released if the post
 * fails or turns out to be a replay, trimmed if the grant came out smaller than reserved.
 */
export class Reservation {
  constructor(
    private readonly counters: LimitCounters | null,
    private readonly held: Array<{ key: CounterKey; points: number }>,
  ) {}

  /** Nothing reserved (a grant no daily counter applies to). */
  static none(): Reservation {
    return new Reservation(null, []);
  }

  async release(): Promise<void> {
    await Promise.all(this.held.map((h) => this.counters!.release(h.key, h.points)));
    this.held.length = 0;
  }

  /** Keeps only `points` of what was reserved (the grant posted fewer points). */
  async keep(points: number): Promise<void> {
    for (const h of this.held) {
      if (h.points > points) await this.counters!.release(h.key, h.points - points);
      h.points = Math.min(h.points, points);
    }
  }
}

const forbiddenBy = (r: Refusal) => new DomainError(ErrorCode.FORBIDDEN, r.message, { ...r.details });

/**
 * The tenant's fraud limits in force (R-PT-8): the settings, the daily counters they are checked
 * against, and the Plus price. Daily means the tenant's business day (its calendar day in its time
 * zone, from the deployment's calendar), not the UTC date.
 */
export class GrantLimitsService {
  constructor(
    private readonly config: ConfigService,
    private readonly counters: LimitCounters,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
  ) {}

  async limits(tenant: string): Promise<GrantLimits> {
    return (await this.config.get(tenant)).limits;
  }

  set(tenant: string, patch: Parameters<ConfigService['setLimits']>[1]): Promise<GrantLimits> {
    return this.config.setLimits(tenant, patch);
  }

  /** The tenant's business day at `at` (now by default). */
  day(tenant: string, at: Date = this.clock.now()): string {
    return this.calendar.businessDay(at, tenant);
  }

  /** The tenant's time zone (configuration, shown with the limits). */
  zoneOf(tenant: string): string {
    return this.calendar.zoneOf(tenant);
  }

  /**
   * Reserves a manual grant against the caps kept on counters — per grant for every caller, per staff
   * token per day for every caller but SYSTEM — or throws FORBIDDEN with the cap's numbers, having
   * changed nothing. The member's own daily cap is kept on its account (`memberDayCap`).
   */
  async reserveManualGrant(ctx: RequestContext, points: number): Promise<Reservation> {
    const limits = await this.limits(ctx.tenant);
    const tooBig = perGrantRefusal(points, limits);
    if (tooBig) throw forbiddenBy(tooBig);
    if (ctx.claims.role === 'SYSTEM') return Reservation.none();
    const day = this.day(ctx.tenant);
    const key: CounterKey = { tenant: ctx.tenant, kind: 'staff', subject: staffSubject(ctx.claims), day };
    const limit = dailyLimit('STAFF_DAY', limits);
    const r = await this.counters.reserve(key, points, limit);
    if (!r.ok) throw forbiddenBy(dailyRefusal('STAFF_DAY', limit, r.used, points, day));
    return new Reservation(this.counters, [{ key, points }]);
  }

  /**
   * The member's daily cap on manual grants, for the ledger to check against the account it posts to
   * and to move with the grant: the account after it, or FORBIDDEN with the cap's numbers.
   */
  async memberDayCap(
    tenant: string,
  ): Promise<<T extends Pick<AccountState, 'grantedToday'>>(account: T, points: number) => T> {
    const limit = dailyLimit('MEMBER_DAY', await this.limits(tenant));
    const day = this.day(tenant);
    return (account, points) => {
      const used = account.grantedToday?.day === day ? account.grantedToday.points : 0;
      if (used + points > limit) throw forbiddenBy(dailyRefusal('MEMBER_DAY', limit, used, points, day));
      return { ...account, grantedToday: { day, points: used + points } };
    };
  }

  /**
   * A staff-entered order's points on the staff token's daily counter (orders typed in count like
   * grants). When the cap refuses them the order is held instead: the detail says why.
   */
  async reserveStaffOrder(
    tenant: string,
    actor: OrderActor,
    points: number,
    limits: GrantLimits,
  ): Promise<{ ok: true; reservation: Reservation } | { ok: false; detail: string }> {
    const day = this.day(tenant);
    const key: CounterKey = { tenant, kind: 'staff', subject: staffSubject(actor), day };
    const r = await this.counters.reserve(key, points, limits.maxPointsPerStaffPerDay);
    if (!r.ok)
      return { ok: false, detail: staffCapDetail(limits.maxPointsPerStaffPerDay, r.used, points, day) };
    return { ok: true, reservation: new Reservation(this.counters, points > 0 ? [{ key, points }] : []) };
  }

  /**
   * Plus is sold at `months × plusPricePerMonth` (CNY fen): a payment backend (SYSTEM) may not
   * charge less; HQ may give it for any fee (a gift), which the purchase records.
   */
  async plusPrice(
    ctx: RequestContext,
    input: { months: number; fee: number; currency: string },
  ): Promise<{ listPrice: number; gift: boolean }> {
    const { plusPricePerMonth } = await this.limits(ctx.tenant);
    const listPrice = input.months * plusPricePerMonth;
    if (ctx.claims.role !== 'HQ') {
      if (input.currency !== 'CNY')
        throw badInput('Plus is priced in CNY', { field: 'currency', price: listPrice });
      if (input.fee < listPrice)
        throw badInput(
          `fee ${input.fee} is below the price of ${input.months} months of Plus (${input.months} × ${plusPricePerMonth} = ${listPrice} fen)`,
          { field: 'fee', price: listPrice },
        );
    }
    return { listPrice, gift: input.currency === 'CNY' ? input.fee < listPrice : true };
  }

  /** Removes counters of days that are over everywhere (two days back: every zone is past them). */
  async sweep(): Promise<number> {
    return this.counters.sweepBefore(
      businessDay(new Date(this.clock.now().getTime() - 2 * 86_400_000), 'UTC'),
    );
  }
}
