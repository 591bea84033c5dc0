import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money, type RequestContext, decodeCursor, encodeCursor } from '@zhongtai/subgraph-kit';
import { sortTiers, tierByCode } from '../domain/tiers.js';
import type { PointsService } from '../service/points-service.js';
import {
  AdjustPointsInput,
  EarnPointsInput,
  EarningRulesInput,
  EarningRulesType,
  Growth,
  LegacyBalanceInput,
  Member,
  MultiplierType,
  OpeningBalanceInput,
  PlusMembership,
  PointsAccount,
  PointsDrift,
  PointsEntry,
  PointsEntryConnection,
  PointsReconciliation,
  PurchasePlusInput,
  RedeemPointsInput,
  Tier,
} from './types.js';

const tierOf = (t: { code: string; name: string; rank: number }) =>
  Object.assign(new Tier(), { code: t.code, name: t.name, rank: t.rank });

@Resolver(() => Member)
export class MemberPointsResolver {
  constructor(private readonly service: PointsService) {}

  @FieldResolver(() => PointsAccount)
  async points(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<PointsAccount> {
    const a = await this.service.accounts(ctx).load(m.id);
    return Object.assign(new PointsAccount(), {
      balance: a?.balance ?? 0,
      pending: a?.pending ?? 0,
      lifetimeEarned: a?.lifetimeEarned ?? 0,
      debt: a?.debt ?? 0,
      memberId: m.id,
    });
  }

  @FieldResolver(() => Growth)
  async growth(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Growth> {
    const [a, config] = [
      await this.service.accounts(ctx).load(m.id),
      await this.service.ledger.config.get(ctx.tenant),
    ];
    const period = a?.periodGrowth ?? 0;
    const tier = a ? tierByCode(a.tier, config.tiers) : sortTiers(config.tiers)[0];
    const next = sortTiers(config.tiers).find((t) => t.rank > tier.rank) ?? null;
    const plus = a?.plus
      ? Object.assign(new PlusMembership(), {
          startsAt: a.plus.startsAt,
          endsAt: a.plus.endsAt,
          fee: Money.of(a.plus.fee, a.plus.currency),
          active: this.service.plusActive(a.plus),
        })
      : null;
    return Object.assign(new Growth(), {
      value: period,
      lifetimeValue: a?.growth ?? 0,
      tier: tierOf(tier),
      nextTier: next && tierOf(next),
      pointsToNextTier: next ? Math.max(0, next.threshold - period) : null,
      reviewAt: a?.tierReviewAt ?? null,
      plus,
    });
  }
}

@Resolver(() => PointsAccount)
export class PointsAccountResolver {
  constructor(private readonly points: PointsService) {}

  @FieldResolver(() => Int, { description: 'Points that will expire within the given number of days.' })
  async expiring(
    @Root() a: PointsAccount,
    @Ctx() ctx: RequestContext,
    @Arg('withinDays', () => Int, { defaultValue: 30 }) withinDays: number,
  ): Promise<number> {
    return this.points.expiring(ctx, a.memberId, withinDays);
  }

  @FieldResolver(() => PointsEntryConnection, { description: 'Newest first.' })
  async history(
    @Root() a: PointsAccount,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PointsEntryConnection> {
    const before = after ? decodeCursor<number>(after) : undefined;
    const { entries, total } = await this.points.history(ctx, a.memberId, first, before);
    const page = entries.slice(0, first);
    return Object.assign(new PointsEntryConnection(), {
      nodes: page.map(PointsEntry.from),
      totalCount: total,
      pageInfo: {
        hasNextPage: entries.length > first,
        endCursor: page.length ? encodeCursor(page[page.length - 1].seq) : null,
      },
    });
  }
}

@Resolver(() => PointsEntry)
export class PointsMutationResolver {
  constructor(private readonly points: PointsService) {}

  @Mutation(() => PointsEntry, {
    description: 'Staff and systems: award points (campaigns, service recovery). Idempotent by key.',
  })
  async earnPoints(
    @Arg('input', () => EarnPointsInput) input: EarnPointsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry> {
    return PointsEntry.from(await this.points.earnManual(ctx, input));
  }

  @Mutation(() => PointsEntry, {
    description:
      'The member itself or staff. Atomic: never overspends (INSUFFICIENT_POINTS). Idempotent by key.',
  })
  async redeemPoints(
    @Arg('input', () => RedeemPointsInput) input: RedeemPointsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry> {
    return PointsEntry.from(await this.points.redeemPoints(ctx, input));
  }

  @Mutation(() => PointsEntry, { description: 'HQ and SYSTEM: a correction with a reason.' })
  async adjustPoints(
    @Arg('input', () => AdjustPointsInput) input: AdjustPointsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry> {
    return PointsEntry.from(await this.points.adjustPoints(ctx, input));
  }

  @Mutation(() => PointsEntry, {
    nullable: true,
    description: 'SYSTEM: a legacy balance imported once with its provenance (null for a zero balance).',
  })
  async importOpeningBalance(
    @Arg('input', () => OpeningBalanceInput) input: OpeningBalanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry | null> {
    const e = await this.points.importOpening(ctx, input);
    return e && PointsEntry.from(e);
  }

  @Mutation(() => PlusMembership, {
    description: 'Buys or extends the paid Plus membership. Idempotent by key.',
  })
  async purchasePlus(
    @Arg('input', () => PurchasePlusInput) input: PurchasePlusInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlusMembership> {
    const p = (await this.points.purchasePlus(ctx, input))!;
    return Object.assign(new PlusMembership(), {
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      fee: Money.of(p.fee, p.currency),
      active: this.points.plusActive(p),
    });
  }

  @Mutation(() => EarningRulesType, { description: 'HQ: the tenant earning rules.' })
  async setEarningRules(
    @Arg('input', () => EarningRulesInput) input: EarningRulesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EarningRulesType> {
    await this.points.ledger.config.setRules(ctx.tenant, {
      pointsPerYuan: input.pointsPerYuan,
      growthPerYuan: input.growthPerYuan,
      perOrderCap: input.perOrderCap ?? null,
      perDayCap: input.perDayCap ?? null,
      returnWindowDays: input.returnWindowDays,
      expiryYearsAfter: input.expiryYearsAfter,
      multipliers: input.multipliers.map((m) => ({
        id: m.id,
        name: m.name,
        factor: m.factor,
        channels: m.channels ?? undefined,
        categories: m.categories ?? undefined,
        tiers: m.tiers ?? undefined,
        plusOnly: m.plusOnly ?? undefined,
        daysOfMonth: m.daysOfMonth ?? undefined,
        from: m.from ?? null,
        to: m.to ?? null,
      })),
    });
    return this.earningRules(ctx);
  }

  @Query(() => EarningRulesType, { description: 'Staff: the earning rules and tiers of the tenant.' })
  async earningRules(@Ctx() ctx: RequestContext): Promise<EarningRulesType> {
    const { rules, tiers } = await this.points.ledger.config.get(ctx.tenant);
    return Object.assign(new EarningRulesType(), {
      ...rules,
      multipliers: rules.multipliers.map((m) =>
        Object.assign(new MultiplierType(), {
          channels: null,
          categories: null,
          tiers: null,
          plusOnly: null,
          daysOfMonth: null,
          ...m,
          from: m.from ?? null,
          to: m.to ?? null,
        }),
      ),
      tiers: sortTiers(tiers).map(tierOf),
    });
  }

  @Query(() => PointsReconciliation, {
    description: 'HQ and SYSTEM: replays the ledger and compares it with every snapshot (or one member).',
  })
  async pointsReconciliation(
    @Arg('memberId', () => ID, { nullable: true }) memberId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsReconciliation> {
    return Object.assign(
      new PointsReconciliation(),
      await this.points.reconcile(ctx.tenant, memberId ?? undefined),
    );
  }

  @Query(() => [PointsDrift], {
    description: 'HQ and SYSTEM: imported legacy balances against what the legacy system reports now.',
  })
  async pointsDrift(
    @Arg('source', () => String) source: string,
    @Arg('legacy', () => [LegacyBalanceInput]) legacy: LegacyBalanceInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<PointsDrift[]> {
    return (await this.points.drift(ctx.tenant, source, legacy)).map((d) =>
      Object.assign(new PointsDrift(), d),
    );
  }
}
