import { type DomainError, ErrorCode } from '@zhongtai/contracts';
import type { PlatformSink } from '@zhongtai/adapter-kit';
import { RowBatcher } from './batcher.js';
import { balanceFromRow, memberFromRow, orderFromRow } from './rows.js';

type Order = ReturnType<typeof orderFromRow>;
type Member = ReturnType<typeof memberFromRow>;
type Balance = ReturnType<typeof balanceFromRow>;

/**
 * What each kind of file becomes in the platform. Every kind goes in batches of `batch` (`importOrders`;
 * `identifyMembers`; `identifyMembers` then `importOpeningBalances`) unless it is 1 (one call per row).
 * The rows of one order, one identity, one member's balance from one source go in the file's order
 * (`key`): the first of two that disagree is kept, whatever the concurrency.
 */
export function kindOf(kind: 'orders' | 'members' | 'balances', sink: PlatformSink, batch = 1) {
  /** one row's sink: into a batch sent with `many`, or alone with `one` */
  const rows = <T>(
    many: (items: T[]) => Promise<{ rejected: Array<{ index: number; code: string; message: string }> }>,
    one: (item: T) => Promise<unknown>,
  ) => {
    const batcher = batch > 1 ? new RowBatcher(many, { size: batch }) : null;
    return async (item: T) => void (batcher ? await batcher.send(item) : await one(item));
  };
  switch (kind) {
    case 'orders':
      return {
        parse: orderFromRow,
        key: (o: Order) => `${o.source}:${o.externalId}`,
        sink: rows(
          (items: Order[]) => sink.importOrders(items),
          (o) => sink.order(o),
        ),
      };
    case 'members':
      return {
        parse: memberFromRow,
        key: (m: Member) => `${m.channel}:${m.externalId}`,
        sink: rows(
          (items: Member[]) => sink.members(items),
          (m) => sink.member(m),
        ),
      };
    case 'balances':
      return {
        parse: balanceFromRow,
        key: (b: Balance) => `${b.source}:${b.channel}:${b.memberExternalId}`,
        sink: rows(
          (items: Balance[]) => sink.openingBalances(items),
          (b) => sink.openingBalance(b, b.source),
        ),
      };
  }
}

/** The platform asks to slow down (RATE_LIMITED: its event consumers are behind): wait as it says, or a second. */
export function slowDown(error: unknown): number | undefined {
  const e = error as DomainError | undefined;
  if (e?.code !== ErrorCode.RATE_LIMITED) return undefined;
  const after = Number(e.details?.retryAfterMs);
  return Number.isFinite(after) && after > 0 ? Math.min(after, 30_000) : 1_000;
}

/** The platform refused the row itself (bad data, conflict with what it holds): report it, go on. */
export function isRejection(error: unknown): boolean {
  const code = (error as DomainError)?.code;
  return code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.CONFLICT || code === ErrorCode.FORBIDDEN;
}
