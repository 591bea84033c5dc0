import type { Clock, RequestContext, TenantCalendar } from '@zhongtai/subgraph-kit';
import type { Calendar } from '../domain/calendar.js';
import {
  type EarnOutcome,
  type EarningRules,
  computeEarn,
  expiryFor,
  pendingUntil,
  reversalTarget,
} from '../domain/earning.js';
import { type AccountState, earn, reverse } from '../domain/ledger.js';
import { isPlus } from '../domain/plus.js';
import { type AccountDoc, type EntryDoc, type HeldOutcome, key } from '../domain/records.js';
import { Reservation } from './grant-limits.js';
import type { CompletedOrder, HoldsService } from './holds.js';
import type { LedgerService } from './ledger-service.js';

type Order = CompletedOrder & { memberId: string };

/**
 * What an order earns on an account as it is now (rules, tier, Plus, the cap of the tenant's
 * business day `day`, member days by the tenant's calendar).
 */
function outcomeOf(
  account: AccountState,
  order: Order,
  rules: EarningRules,
  day: string,
  calendar: Calendar,
): EarnOutcome {
  return computeEarn(
    { channel: order.channel, placedAt: order.placedAt, lines: order.lines },
    {
      tier: account.tier,
      plus: isPlus((account as AccountDoc).plus, order.placedAt),
      earnedToday: account.earnedToday.day === day ? account.earnedToday.points : 0,
    },
    rules,
    calendar,
  );
}

/**
 * The ledger's side of orders: `order.completed` earns the order's points (pending until its
 * return window ends) unless the order is held for approval; `order.refunded` takes them back pro
 * rata; HQ's approval of a held order grants what it would have earned when it arrived.
 */
export class OrderPointsService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly holds: HoldsService,
    private readonly clock: Clock,
    private readonly calendar: TenantCalendar,
  ) {}

  private get repo() {
    return this.ledger.repo;
  }

  async completed(tenant: string, order: CompletedOrder): Promise<void> {
    if (!order.memberId) return;
    const o: Order = {
      ...order,
      memberId: order.memberId,
      lines: await this.withCategories(tenant, order.lines),
    };
    const { rules, limits } = await this.ledger.config.get(tenant);
    const calendar = this.calendar.of(tenant);
    const reservation = await this.holds.screen(tenant, o, rules, limits, {
      granted: async () => !!(await this.repo.entryByIdem(key(tenant, `order:${o.orderId}`))),
      preview: async () => {
        const { account } = await this.ledger.state(tenant, await this.ledger.holder(tenant, o.memberId));
        return outcomeOf(account, o, rules, calendar.businessDay(this.clock.now()), calendar);
      },
    });
    if (!reservation) return; // held for approval (or decided already): nothing granted here
    await this.grant(tenant, o, null, reservation);
  }

  /**
   * HQ approves a held order: exactly the points it would have earned when it arrived (pending
   * until its return window ends, as usual), once — approving again returns the same entry.
   * Refunds that came meanwhile are settled now.
   */
  async approve(ctx: RequestContext, orderId: string): Promise<EntryDoc> {
    const held = await this.holds.claimApproval(ctx, orderId);
    const by = held.decidedBy?.sub ? `${held.decidedBy.role} ${held.decidedBy.sub}` : held.decidedBy?.role;
    const entry = (await this.grant(
      ctx.tenant,
      { orderId, memberId: held.memberId, ...held.order, storeId: held.order.storeId ?? undefined },
      {
        ...held.outcome,
        explanation: `${held.outcome.explanation}; held (${held.detail}), approved by ${by}`,
      },
      Reservation.none(),
    ))!;
    if (held.entryId !== entry._id) await this.holds.recordEntry(ctx.tenant, orderId, entry._id);
    return entry;
  }

  /**
   * Posts the order's EARN under `order:<id>` (a replay returns the first entry) — its points
   * computed now, or `fixed` for an approved order — then records what it earned and settles
   * refunds. The staff reservation is kept for the points posted and released otherwise.
   */
  private async grant(
    tenant: string,
    order: Order,
    fixed: HeldOutcome | null,
    reservation: Reservation,
  ): Promise<EntryDoc | null> {
    const holder = await this.ledger.holder(tenant, order.memberId);
    const { rules } = await this.ledger.config.get(tenant);
    const calendar = this.calendar.of(tenant);
    const now = this.clock.now();
    const day = calendar.businessDay(now);
    let posted: { entry: EntryDoc | null; replayed: boolean };
    try {
      posted = await this.ledger.postWith(
        tenant,
        holder,
        { key: `order:${order.orderId}`, hash: `order:${order.orderId}` },
        (account, lots) => {
          const outcome = fixed ?? outcomeOf(account, order, rules, day, calendar);
          return {
            plan: earn(account, lots, {
              lotId: `order:${tenant}:${order.orderId}`,
              points: outcome.points,
              growth: outcome.growth,
              source: 'order',
              sourceRef: order.orderId,
              expiresAt: expiryFor(order.placedAt, rules, calendar),
              pendingUntil: pendingUntil(order.placedAt, rules, calendar),
              now,
              day,
              ruleIds: outcome.ruleIds,
              explanation: outcome.explanation,
            }),
          };
        },
      );
    } catch (error) {
      await reservation.release();
      throw error;
    }
    const { entry } = posted;
    const earned = entry?.lots.find((l) => l.sourceRef === order.orderId)?.earned ?? 0;
    if (posted.replayed) await reservation.release();
    else await reservation.keep(earned);
    if (!entry) return null;
    const record = await this.repo.recordOrderPoints(tenant, {
      orderId: order.orderId,
      memberId: order.memberId,
      earned,
      growth: entry.growthDelta,
      orderTotal: order.total,
    });
    if (record.refundedTotal > 0) await this.settleRefunds(tenant, order.orderId);
    return entry;
  }

  /**
   * Refunds may arrive before their order (or while it is held): the largest refunded total seen
   * is kept and settled when both are known. A rejected order never earned, so nothing is reversed.
   */
  async refunded(
    tenant: string,
    refund: { orderId: string; memberId?: string; refundedTotal: number; orderTotal: number },
  ): Promise<void> {
    await this.repo.recordRefund(tenant, refund.orderId, refund.refundedTotal);
    await this.settleRefunds(tenant, refund.orderId);
  }

  private async settleRefunds(tenant: string, orderId: string): Promise<void> {
    const doc = await this.repo.orderPoints(tenant, orderId);
    if (!doc || doc.earned === undefined || !doc.memberId || doc.orderTotal === undefined) return;
    const points = reversalTarget(doc.earned, doc.orderTotal, doc.refundedTotal) - doc.reversed;
    const growth = reversalTarget(doc.growth ?? 0, doc.orderTotal, doc.refundedTotal) - doc.reversedGrowth;
    if (points <= 0 && growth <= 0) return;
    const holder = await this.ledger.holder(tenant, doc.memberId);
    const target = doc.reversed + points;
    await this.ledger.post(
      tenant,
      holder,
      { key: `reverse:${orderId}:${target}`, hash: `reverse:${orderId}:${target}` },
      (account, lots) => ({
        plan: reverse(account, lots, {
          points: Math.max(0, points),
          growth: Math.max(0, growth),
          source: 'refund',
          sourceRef: orderId,
          explanation: `refund of ¥${(doc.refundedTotal / 100).toFixed(2)} of ¥${(doc.orderTotal! / 100).toFixed(2)}: ${Math.max(0, points)} of the ${doc.earned} points earned are taken back`,
        }),
      }),
    );
    await this.repo.addReversed(doc, Math.max(0, points), Math.max(0, growth));
  }

  async skuChanged(tenant: string, sku: string, category: string): Promise<void> {
    await this.repo.setSkuCategory(tenant, sku, category);
  }

  private async withCategories(tenant: string, lines: CompletedOrder['lines']): Promise<Order['lines']> {
    const categories = await this.repo.skuCategories(
      tenant,
      lines.map((l) => l.sku),
    );
    return lines.map((l) => ({ ...l, category: l.category ?? categories.get(l.sku) ?? null }));
  }
}
