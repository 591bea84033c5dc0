import { describe, expect, it } from '@jest/globals';
import type { E2E } from '../harness.js';
import { type MemberView, freshPhone, identify, ingest, memberView } from '../ops.js';

/** a member's view with its lists in a stable order, to compare before and after */
const sorted = (v: MemberView) => ({
  ...v,
  identities: [...v.identities].sort((a, b) => a.externalId.localeCompare(b.externalId)),
  tags: [...v.tags].sort((a, b) => a.name.localeCompare(b.name)),
  orders: { totalCount: v.orders.totalCount, nodes: v.orders.nodes.map((n) => n.id).sort() },
  surveys: { totalCount: v.surveys.totalCount, nodes: v.surveys.nodes.map((n) => n.id).sort() },
  tickets: v.tickets.map((t) => t.id).sort(),
  coupons: v.coupons.map((c) => c.id).sort(),
});

/** R-ID: two identities of one person merge by phone, everything combines; undone, everything splits back. */
export function mergeAndUndo(e2e: E2E): void {
  describe('identity merge by phone, and its undo, in every subgraph', () => {
    it('combines points, orders, surveys, tickets and coupons, and splits them back exactly', async () => {
      const system = await e2e.token({ role: 'SYSTEM', sub: 'adapter:crm' });
      const hq = await e2e.token({ role: 'HQ' });
      const phone = freshPhone();
      // A: the mini-program account with the phone, an order and a grant
      const a = (
        await identify(e2e, system, {
          channel: 'MINI_PROGRAM',
          externalId: `mp-${phone}`,
          phone,
          storeId: 'store-sh-001',
        })
      ).member.id;
      await ingest(e2e, system, {
        externalId: `merge-a-${phone}`,
        storeId: 'store-sh-001',
        buyer: { channel: 'MINI_PROGRAM', externalId: `mp-${phone}` },
        lines: [{ sku: 'SKU-0031', quantity: 1, unitPrice: 12000 }],
      });
      await e2e.gql(system, 'mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id } }', {
        i: { memberId: a, points: 100, source: 'e2e', idempotencyKey: `gift-${phone}`, reason: '生日礼' },
      });
      // B: a store card without a phone, with an order (pending points, a survey), a ticket and a coupon
      const b = (
        await identify(e2e, system, {
          channel: 'STORE',
          externalId: `card-${phone}`,
          storeId: 'store-sh-002',
        })
      ).member.id;
      await ingest(e2e, system, {
        externalId: `merge-b-${phone}`,
        storeId: 'store-sh-002',
        buyer: { channel: 'STORE', externalId: `card-${phone}` },
        lines: [{ sku: 'SKU-0005', quantity: 4, unitPrice: 1000 }],
      });
      await e2e.gql(hq, 'mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }', {
        i: {
          memberId: b,
          subject: '会员卡积分未到账',
          storeId: 'store-sh-002',
          idempotencyKey: `t-${phone}`,
        },
      });
      const memberB = await e2e.token({ role: 'MEMBER', memberId: b });
      await e2e.gql(memberB, 'mutation { claimCoupon(offerId: "offer-welcome-coupon") { id } }');

      const settled = async (id: string, ready: (v: MemberView) => boolean) =>
        sorted(
          await e2e.until(`member ${id} settled`, async () => {
            const v = await memberView(e2e, hq, id);
            return ready(v) ? v : undefined;
          }),
        );
      const beforeA = await settled(
        a,
        (v) => v.orders.totalCount === 1 && v.points.balance === 100 && v.points.pending === 120,
      );
      const beforeB = await settled(
        b,
        (v) =>
          v.orders.totalCount === 1 &&
          v.points.pending === 40 &&
          v.surveys.totalCount === 1 &&
          v.tickets.length === 1 &&
          v.coupons.length === 1,
      );

      // the card turns up with the phone (a trusted system: the POS' CRM): B merges into A automatically
      const linked = await identify(e2e, system, { channel: 'STORE', externalId: `card-${phone}`, phone });
      expect(linked.member.id).toBe(a);
      const merged = await settled(
        a,
        (v) =>
          v.orders.totalCount === 2 &&
          v.tickets.length === 1 &&
          v.coupons.length === 1 &&
          v.points.pending === 160,
      );
      expect(merged.points).toEqual({ balance: 100, pending: 160, debt: 0 });
      expect(merged.orders.nodes).toEqual([...beforeA.orders.nodes, ...beforeB.orders.nodes].sort());
      expect(merged.surveys.nodes).toEqual(expect.arrayContaining(beforeB.surveys.nodes));
      expect(merged.tickets).toEqual(beforeB.tickets);
      expect(merged.coupons).toEqual(beforeB.coupons);
      expect(merged.identities.map((i) => i.externalId)).toEqual([`card-${phone}`, `mp-${phone}`]);
      expect((await memberView(e2e, hq, b)).id).toBe(a); // B's id answers with the survivor

      // HQ undoes it: each subgraph moves back what was B's
      const merges = await e2e.gql<{
        memberMerges: Array<{ id: string; mergedMemberId: string; undoneAt: string | null }>;
      }>(hq, 'query($m: ID!) { memberMerges(memberId: $m) { id mergedMemberId undoneAt } }', { m: a });
      const merge = merges.memberMerges.find((m) => m.mergedMemberId === b)!;
      await e2e.gql(hq, 'mutation($id: ID!) { undoMerge(mergeId: $id) { id } }', { id: merge.id });
      const afterA = await settled(
        a,
        (v) =>
          v.orders.totalCount === 1 &&
          v.tickets.length === 0 &&
          v.coupons.length === 0 &&
          v.points.pending === 120,
      );
      const afterB = await settled(
        b,
        (v) =>
          v.id === b &&
          v.orders.totalCount === 1 &&
          v.tickets.length === 1 &&
          v.coupons.length === 1 &&
          v.points.pending === 40,
      );
      expect(afterA).toEqual(beforeA);
      expect(afterB).toEqual(beforeB);
    }, 180_000);
  });
}
