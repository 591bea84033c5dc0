import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '@zhongtai/contracts';
import { type RequestContext, decodeCursor } from '@zhongtai/subgraph-kit';
import type { PointsServices } from '../service/services.js';
import { MAX_OPENINGS_BATCH } from '../service/openings.js';
import type { AccountReads } from '../service/account-reads.js';
import type { ConfigService } from '../service/config-service.js';
import {
  AdjustPointsInput,
  EarnPointsInput,
  EarningRulesInput,
  EarningRulesType,
  Growth,
  LegacyBalanceInput,
  Member,
  ImportedBalance,
  OpeningBalanceInput,
  PlusMembership,
  PointsAccount,
  PointsDrift,
  PointsEntry,
  PointsEntryConnection,
  PointsReconciliation,
  PurchasePlusInput,
  RedeemPointsInput,
} from './types.js';

@Resolver(() => Member)
export class MemberPointsResolver {
  constructor(
    private readonly reads: AccountReads,
    private readonly config: ConfigService,
  ) {}

  @FieldResolver(() => PointsAccount)
  async points(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<PointsAccount> {
    return PointsAccount.from(m.id, await this.reads.accounts(ctx).load(m.id));
  }

  @FieldResolver(() => Growth)
  async growth(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<Growth> {
    const account = await this.reads.accounts(ctx).load(m.id);
    const { tiers } = await this.config.get(ctx.tenant);
    return Growth.from(account, tiers, (p) => this.reads.plusActive(p));
  }
}

@Resolver(() => PointsAccount)
export class PointsAccountResolver {
  constructor(private readonly reads: AccountReads) {}

  @FieldResolver(() => Int, { description: 'Points that will expire within the given number of days.' })
  async expiring(
    @Root() a: PointsAccount,
    @Ctx() ctx: RequestContext,
    @Arg('withinDays', () => Int, { defaultValue: 30 }) withinDays: number,
  ): Promise<number> {
    return this.reads.expiring(ctx, a.memberId, withinDays);
  }

  @FieldResolver(() => PointsEntryConnection, { description: 'Newest first.' })
  async history(
    @Root() a: PointsAccount,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PointsEntryConnection> {
    const before = after ? decodeCursor<number>(after) : undefined;
    const { entries, total } = await this.reads.history(ctx, a.memberId, first, before);
    return PointsEntryConnection.from(entries, first, total);
  }
}

@Resolver(() => PointsEntry)
export class PointsMutationResolver {
  constructor(private readonly s: PointsServices) {}

  @Mutation(() => PointsEntry, {
    description: 'Staff and systems: award points (campaigns, service recovery). Idempotent by key.',
  })
  async earnPoints(
    @Arg('input', () => EarnPointsInput) input: EarnPointsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry> {
    return PointsEntry.from(await this.s.commands.earn(ctx, input));
  }

  @Mutation(() => PointsEntry, {
    description:
      'The member itself or staff. Atomic: never overspends (INSUFFICIENT_POINTS). Idempotent by key.',
  })
  async redeemPoints(
    @Arg('input', () => RedeemPointsInput) input: RedeemPointsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry> {
    return PointsEntry.from(await this.s.commands.redeem(ctx, input));
  }

  @Mutation(() => PointsEntry, { description: 'HQ and SYSTEM: a correction with a reason.' })
  async adjustPoints(
    @Arg('input', () => AdjustPointsInput) input: AdjustPointsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry> {
    return PointsEntry.from(await this.s.commands.adjust(ctx, input));
  }

  @Mutation(() => PointsEntry, {
    nullable: true,
    description: 'SYSTEM: a legacy balance imported once with its provenance (null for a zero balance).',
  })
  async importOpeningBalance(
    @Arg('input', () => OpeningBalanceInput) input: OpeningBalanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsEntry | null> {
    const e = await this.s.openings.import(ctx, input);
    return e && PointsEntry.from(e);
  }

  @Mutation(() => [ImportedBalance], {
    description:
      'SYSTEM (legacy imports): up to 500 balances at once, each as importOpeningBalance takes it; answers in the order asked, a refused one (NOT_FOUND for a member that does not exist) with its error code instead of failing the rest.',
  })
  async importOpeningBalances(
    @Arg('inputs', () => [OpeningBalanceInput]) inputs: OpeningBalanceInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<ImportedBalance[]> {
    if (inputs.length > MAX_OPENINGS_BATCH)
      throw badInput(`at most ${MAX_OPENINGS_BATCH} balances per call`, { field: 'inputs' });
    return (await this.s.openings.importMany(ctx, inputs)).map((r) => ({
      memberId: r.memberId,
      entryId: 'code' in r ? null : r.entryId,
      code: 'code' in r ? r.code : null,
      message: 'code' in r ? r.message : null,
    }));
  }

  @Mutation(() => PlusMembership, {
    description: 'Buys or extends the paid Plus membership. Idempotent by key.',
  })
  async purchasePlus(
    @Arg('input', () => PurchasePlusInput) input: PurchasePlusInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlusMembership> {
    const p = await this.s.plus.purchase(ctx, input);
    return PlusMembership.from(p, this.s.reads.plusActive(p));
  }

  @Mutation(() => EarningRulesType, { description: 'HQ: the tenant earning rules.' })
  async setEarningRules(
    @Arg('input', () => EarningRulesInput) input: EarningRulesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EarningRulesType> {
    await this.s.ledger.config.setRules(ctx.tenant, {
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
    const { rules, tiers } = await this.s.ledger.config.get(ctx.tenant);
    return EarningRulesType.from(rules, tiers);
  }

  @Query(() => PointsReconciliation, {
    description: 'HQ and SYSTEM: replays the ledger and compares it with every snapshot (or one member).',
  })
  async pointsReconciliation(
    @Arg('memberId', () => ID, { nullable: true }) memberId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PointsReconciliation> {
    return PointsReconciliation.from(await this.s.reconciler.reconcile(ctx.tenant, memberId ?? undefined));
  }

  @Query(() => [PointsDrift], {
    description: 'HQ and SYSTEM: imported legacy balances against what the legacy system reports now.',
  })
  async pointsDrift(
    @Arg('source', () => String) source: string,
    @Arg('legacy', () => [LegacyBalanceInput]) legacy: LegacyBalanceInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<PointsDrift[]> {
    return (await this.s.openings.drift(ctx.tenant, source, legacy)).map(PointsDrift.from);
  }
}
