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
    case 'balances': {
      // a batch is one file's rows: one source (the rows' own, as one by one)
      const batcher =
        batch > 1
          ? new RowBatcher(
              async (items: Balance[]) => {
                const sources = [...new Set(items.map((b) => b.source))];
                if (sources.length === 1) return sink.openingBalances(items, sources[0]);
                const rejected: Array<{ index: number; code: string; message: string }> = [];
                for (const source of sources) {
                  const mine = items.flatMap((b, index) => (b.source === source ? [{ b, index }] : []));
                  const r = await sink.openingBalances(
                    mine.map((m) => m.b),
                    source,
                  );
                  rejected.push(...r.rejected.map((x) => ({ ...x, index: mine[x.index].index })));
                }
                return { rejected };
              },
              { size: batch },
            )
          : null;
      return {
        parse: balanceFromRow,
        sink: async (b: Balance) => (batcher ? batcher.send(b) : sink.openingBalance(b, b.source)),
      };
    }
  }
}

/** The platform refused the row itself (bad data, conflict with what it holds): report it, go on. */
export function isRejection(error: unknown): boolean {
  const code = (error as DomainError)?.code;
  return code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.CONFLICT || code === ErrorCode.FORBIDDEN;
}
