import documents from '@zhongtai/client/persisted-documents.json' with { type: 'json' };
import {
  type StoreTerminalMemberViewFragment,
  StoreTerminalEarnPointsDocument,
  StoreTerminalMemberByPhoneDocument,
  StoreTerminalMemberDocument,
  StoreTerminalRedeemPointsDocument,
  StoreTerminalRespondToTicketDocument,
} from '@zhongtai/client/documents';
import { type GatewayClient, createGatewayClient } from '@zhongtai/client/request';
import type { Lookup } from './format.js';

export type MemberView = StoreTerminalMemberViewFragment;
export type PointsKind = 'earn' | 'redeem';

/** The terminal's calls: the store-terminal channel's generated operations, nothing else. */
export function terminalApi(token: () => string | null, url = '/graphql') {
  const client: GatewayClient = createGatewayClient({ url, token, documents });
  return {
    async find(lookup: Exclude<Lookup, { kind: 'empty' }>): Promise<MemberView | null> {
      if (lookup.kind === 'phone')
        return (
          (await client.request(StoreTerminalMemberByPhoneDocument, { phone: lookup.phone })).memberByPhone ??
          null
        );
      return (await client.request(StoreTerminalMemberDocument, { id: lookup.id })).member ?? null;
    },
    async reload(id: string): Promise<MemberView | null> {
      return (await client.request(StoreTerminalMemberDocument, { id })).member ?? null;
    },
    /** one grant or redemption; the same key again (a retry) is the same entry, never a second one */
    async points(kind: PointsKind, memberId: string, points: number, reason: string, idempotencyKey: string) {
      if (kind === 'earn') {
        const r = await client.request(StoreTerminalEarnPointsDocument, {
          input: { memberId, points, reason, idempotencyKey, source: 'store-terminal' },
        });
        return r.earnPoints;
      }
      const r = await client.request(StoreTerminalRedeemPointsDocument, {
        input: { memberId, points, reason, idempotencyKey },
      });
      return r.redeemPoints;
    },
    async respond(ticketId: string, message: string) {
      return (await client.request(StoreTerminalRespondToTicketDocument, { ticketId, message }))
        .respondToTicket;
    },
  };
}

export type TerminalApi = ReturnType<typeof terminalApi>;
