import { conflict } from '@zhongtai/contracts';
import type { Clock, RequestContext, TenantCalendar } from '@zhongtai/subgraph-kit';
import { checkIdempotencyKey } from '../domain/inputs.js';
import { type PlusPeriod, checkPlusPurchase, plusAfterPurchase } from '../domain/plus.js';
import { key } from '../domain/records.js';
import type { GrantLimitsService } from './grant-limits.js';
import { type LedgerService, requestHash } from './ledger-service.js';

/**
 * The paid Plus membership (R-PT-6 in docs/DOMAIN.md): a fee buys `months` on the tenant's calendar;
 * buying while active extends the end date (`domain/plus.ts`). Idempotent by key. A payment backend
 * (SYSTEM) pays at least the tenant's price; HQ may give it for any fee, recorded as a gift with who
 * gave it.
 */
export class PlusService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly limits: GrantLimitsService,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
  ) {}

  async purchase(
    ctx: RequestContext,
    input: { memberId: string; months: number; fee: number; currency: string; idempotencyKey: string },
  ): Promise<PlusPeriod> {
    const repo = this.ledger.repo;
    checkIdempotencyKey(input.idempotencyKey);
    checkPlusPurchase(input);
    const hash = requestHash({ op: 'plus', ...input });
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const existing = await repo.plusPurchase(key(ctx.tenant, input.idempotencyKey));
    if (existing) {
      if (existing.requestHash !== hash)
        throw conflict('This idempotency key was used with a different request');
      return this.finish(ctx.tenant, holder, existing.period);
    }
    const { listPrice, gift } = await this.limits.plusPrice(ctx, input);
    const now = this.clock.now();
    const current = (await repo.account(ctx.tenant, holder))?.plus;
    const plus = plusAfterPurchase(current, input, now, (at, months) =>
      this.calendar.addMonths(at, months, ctx.tenant),
    );
    const recorded = await repo.insertPlusPurchase({
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
      period: plus,
    });
    // a parallel request with the same key recorded it first: answer as its retry
    if (!recorded) return this.purchase(ctx, input);
    await this.apply(ctx.tenant, holder, plus);
    return plus;
  }

  /**
   * A retry of a recorded purchase: if a crash stopped the purchase between its record and the
   * account, the account gets the period now; either way the answer is the member's membership.
   */
  private async finish(tenant: string, holder: string, period?: PlusPeriod): Promise<PlusPeriod> {
    const current = (await this.ledger.repo.account(tenant, holder))?.plus;
    if (period && !(current && new Date(current.endsAt) >= new Date(period.endsAt))) {
      await this.apply(tenant, holder, period);
      return period;
    }
    return current ?? period!;
  }

  private async apply(tenant: string, holder: string, plus: PlusPeriod): Promise<void> {
    await this.ledger.repo.setPlus(tenant, holder, plus, (await this.ledger.state(tenant, holder)).account);
  }
}
