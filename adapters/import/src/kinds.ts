import { type DomainError, ErrorCode } from '@zhongtai/contracts';
import type { PlatformSink } from '@zhongtai/adapter-kit';
import { RowBatcher } from './batcher.js';
import { balanceFromRow, memberFromRow, orderFromRow } from './rows.js';

type Order = ReturnType<typeof orderFromRow>;
type Member = ReturnType<typeof memberFromRow>;

/**
 * What each kind of file becomes in the platform. Orders and members go in batches of `batch`
 * (`importOrders`, `identifyMembers`) unless it is 1 (one `ingestOrder` / `identifyMember` each).
 */
export function kindOf(kind: 'orders' | 'members' | 'balances', sink: PlatformSink, batch = 1) {
  switch (kind) {
    case 'orders': {
      const batcher =
        batch > 1 ? new RowBatcher((items: Order[]) => sink.importOrders(items), { size: batch }) : null;
      return {
        parse: orderFromRow,
        sink: async (o: Order) => void (batcher ? await batcher.send(o) : await sink.order(o)),
      };
    }
    case 'members': {
      const batcher =
        batch > 1 ? new RowBatcher((items: Member[]) => sink.members(items), { size: batch }) : null;
      return {
        parse: memberFromRow,
        sink: async (m: Member) => void (batcher ? await batcher.send(m) : await sink.member(m)),
      };
    }
    case 'balances':
      return {
        parse: balanceFromRow,
        sink: async (b: ReturnType<typeof balanceFromRow>) => sink.openingBalance(b, b.source),
      };
  }
}

/** The platform refused the row itself (bad data, conflict with what it holds): report it, go on. */
export function isRejection(error: unknown): boolean {
  const code = (error as DomainError)?.code;
  return code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.CONFLICT || code === ErrorCode.FORBIDDEN;
}
