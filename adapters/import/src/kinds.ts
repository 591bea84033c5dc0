import { type DomainError, ErrorCode } from '@zhongtai/contracts';
import type { PlatformSink } from '@zhongtai/adapter-kit';
import { balanceFromRow, memberFromRow, orderFromRow } from './rows.js';

/** What each kind of file becomes in the platform. */
export function kindOf(kind: 'orders' | 'members' | 'balances', sink: PlatformSink) {
  switch (kind) {
    case 'orders':
      return {
        parse: orderFromRow,
        sink: async (o: ReturnType<typeof orderFromRow>) => void (await sink.order(o)),
      };
    case 'members':
      return {
        parse: memberFromRow,
        sink: async (m: ReturnType<typeof memberFromRow>) => void (await sink.member(m)),
      };
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
