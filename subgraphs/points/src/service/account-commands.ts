import { type RequestContext, KeyedLock } from '@zhongtai/subgraph-kit';
import { checkAdjustment, checkIdempotencyKey, checkPoints, checkText } from '../domain/inputs.js';
import { adjust, earn, redeem } from '../domain/ledger.js';
import { type EntryDoc, key } from '../domain/records.js';
import type { GrantLimitsService } from './grant-limits.js';
import { type LedgerService, requestHash } from './ledger-service.js';

/** The API's earn, redeem and adjust: each idempotent by its key, each one ledger entry. */
export class AccountCommands {
  /** requests with one idempotency key queue here, so a parallel retry is a replay, not a second reservation */
  private readonly grants = new KeyedLock();

  constructor(
    private readonly ledger: LedgerService,
    private readonly limits: GrantLimitsService,
  ) {}

  async earn(
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
    checkIdempotencyKey(input.idempotencyKey);
    checkText(input.source, 'source', 64, 'source must be 1..64 characters');
    const hash = requestHash({ op: 'earn', ...input });
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const { now, day, expiresAt } = await this.ledger.grantTime(ctx.tenant);
    const idem = { key: `earn:${input.idempotencyKey}`, hash };
    const source = input.source.trim();
    const capped = await this.limits.memberDayCap(ctx.tenant);
    return this.grants.run(key(ctx.tenant, idem.key), async () => {
      // a grant reserves the staff caps first (FORBIDDEN over any of them) and gives them back if it
      // is not written or turns out to be a replay; a replay refused by a cap now full answers with its
      // first entry. The member's daily cap is checked on the account, moved with the grant.
      const reservation = await this.limits
        .reserveManualGrant(ctx, input.points)
        .catch(async (error: unknown) => {
          if (await this.ledger.repo.entryByIdem(key(ctx.tenant, idem.key))) return null;
          throw error;
        });
      const posted = await this.ledger
        .postWith(ctx.tenant, holder, idem, (account, lots) => ({
          plan: earn(capped(account, input.points), lots, {
            lotId: `earn:${ctx.tenant}:${input.idempotencyKey}`,
            points: input.points,
            growth: 0,
            source,
            sourceRef: input.idempotencyKey,
            expiresAt,
            pendingUntil: null,
            now,
            day,
            ruleIds: ['manual'],
            explanation: input.reason?.trim() || `${input.points} points from ${source}`,
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

  async redeem(
    ctx: RequestContext,
    input: { memberId: string; points: number; idempotencyKey: string; reason?: string | null },
  ): Promise<EntryDoc> {
    checkPoints(input.points);
    checkIdempotencyKey(input.idempotencyKey);
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

  async adjust(
    ctx: RequestContext,
    input: { memberId: string; points: number; reason: string; idempotencyKey: string },
  ): Promise<EntryDoc> {
    checkAdjustment(input.points);
    checkText(input.reason, 'reason', 200, 'an adjustment needs a reason (1..200 characters)');
    checkIdempotencyKey(input.idempotencyKey);
    const hash = requestHash({ op: 'adjust', ...input });
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const { now, day, expiresAt } = await this.ledger.grantTime(ctx.tenant);
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
          expiresAt,
          now,
          day,
          explanation: input.reason.trim(),
        }),
      }),
    ))!;
  }
}
