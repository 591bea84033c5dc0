import { describe, expect, it } from '@jest/globals';
import type { E2E } from '../harness.js';
import { freshPhone, identify, ingest } from '../ops.js';

const VIEW = `query($phone: String!) { memberByPhone(phone: $phone) { id phone displayName
  tags { name } orders(first: 5) { totalCount nodes { store { id } } } points { pending } } }`;

/** Seed 000: a diner is recognised on the second visit, in another store. */
export function recognisedInAnotherStore(e2e: E2E): void {
  describe('000: recognised on the second visit in another store', () => {
    it('the clerk at store B finds the diner of store A: same member, history and tags, phone masked', async () => {
      const phone = freshPhone();
      const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`; // what a clerk is shown
      const clerkA = await e2e.token({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-a' });
      const clerkB = await e2e.token({ role: 'CLERK', storeId: 'store-sh-002', sub: 'clerk-b' });
      const hq = await e2e.token({ role: 'HQ' });
      const pos = await e2e.token({ role: 'SYSTEM', sub: 'adapter:pos' });

      // first visit, store A: the clerk identifies the diner (phone spelled as the diner says it)
      const first = await identify(e2e, clerkA, {
        channel: 'STORE',
        externalId: `card-${phone}`,
        phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
        displayName: '王小明',
        storeId: 'store-sh-001',
      });
      expect(first.created).toBe(true);
      expect(first.member.phone).toBe(masked);
      await ingest(e2e, pos, {
        externalId: `000-${phone}`,
        storeId: 'store-sh-001',
        buyer: { channel: 'STORE', externalId: `card-${phone}` },
        lines: [{ sku: 'SKU-0012', quantity: 2, unitPrice: 3800 }],
      });
      await e2e.gql(hq, 'mutation($m: ID!) { tagMember(memberId: $m, tag: "不吃辣") { id } }', {
        m: first.member.id,
      });
      // store B does not know the diner yet
      expect((await e2e.gql<{ memberByPhone: unknown }>(clerkB, VIEW, { phone })).memberByPhone).toBeNull();

      // second visit, store B: the same phone on another card is the same member
      const second = await identify(e2e, clerkB, {
        channel: 'STORE',
        externalId: `card-b-${phone}`,
        phone,
        storeId: 'store-sh-002',
      });
      expect(second).toMatchObject({ created: false, linked: true, member: { id: first.member.id } });

      const seen = await e2e.until('store A’s order in the member view', async () => {
        const r = await e2e.gql<{
          memberByPhone: {
            id: string;
            phone: string;
            displayName: string;
            tags: Array<{ name: string }>;
            orders: { totalCount: number; nodes: Array<{ store: { id: string } }> };
          } | null;
        }>(clerkB, VIEW, { phone });
        return r.memberByPhone?.orders.totalCount === 1 ? r.memberByPhone : undefined;
      });
      expect(seen).toMatchObject({
        id: first.member.id,
        phone: masked,
        displayName: '王**',
        orders: { nodes: [{ store: { id: 'store-sh-001' } }] },
      });
      expect(seen.tags.map((t) => t.name)).toContain('不吃辣');
      // a clerk of a store the diner never visited still sees nothing
      const north = await e2e.token({ role: 'CLERK', storeId: 'store-bj-001' });
      expect((await e2e.gql<{ memberByPhone: unknown }>(north, VIEW, { phone })).memberByPhone).toBeNull();
    });
  });
}
