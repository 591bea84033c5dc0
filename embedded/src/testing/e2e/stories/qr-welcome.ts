import { describe, expect, it } from '@jest/globals';
import type { E2E } from '../harness.js';
import { freshPhone, identify, ingest } from '../ops.js';

const FUNNEL = `{ campaign(id: "campaign-welcome") { funnelAt(storeId: "store-sh-001") {
  joined sent couponsClaimed purchased pointsAwarded } } }`;
type Funnel = {
  joined: number;
  sent: number;
  couponsClaimed: number;
  purchased: number;
  pointsAwarded: number;
};

/** Seed 003: a QR scan in a store is a member of that store, welcomed at once, whose coupon brings a purchase. */
export function qrWelcome(e2e: E2E): void {
  describe('003: QR scan in a store → welcome → coupon → attributed purchase', () => {
    it('joins the store, is welcomed within seconds, claims and spends the coupon; the funnel counts it; the clerk sees the member', async () => {
      const system = await e2e.token({ role: 'SYSTEM', sub: 'adapter:wechat-mp' });
      const hq = await e2e.token({ role: 'HQ' });
      const funnel = async () =>
        (await e2e.gql<{ campaign: { funnelAt: Funnel } }>(hq, FUNNEL)).campaign.funnelAt;
      const before = await funnel();

      // the customer scans the store's QR code in WeChat and joins with its phone, agreeing to the brand's
      // messages (they go out as SMS: a WeChat template needs a follower of the account)
      const openId = `oWX-e2e-${Date.now().toString(36)}`;
      const phone = freshPhone();
      const scanned = Date.now();
      const joined = await identify(e2e, system, {
        channel: 'WECHAT',
        externalId: openId,
        phone,
        storeId: 'store-sh-001',
        consents: ['APP'],
        recruitedBy: 'clerk-qr',
      });
      expect(joined).toMatchObject({ created: true, member: { joinedStore: { id: 'store-sh-001' } } });
      const memberId = joined.member.id;
      const welcomed = await e2e.until('the welcome sent', async () => {
        const f = await funnel();
        return f.sent > before.sent ? f : undefined;
      });
      expect(Date.now() - scanned).toBeLessThan(15_000);
      expect(welcomed.joined).toBe(before.joined + 1);

      // the member claims the welcome coupon in the app
      const member = await e2e.token({ role: 'MEMBER', memberId, channel: 'WECHAT' });
      const claim = 'mutation { claimCoupon(offerId: "offer-welcome-coupon") { id code } }';
      const coupon = (await e2e.gql<{ claimCoupon: { id: string; code: string } }>(member, claim))
        .claimCoupon;
      expect((await e2e.gql<{ claimCoupon: { id: string } }>(member, claim)).claimCoupon.id).toBe(coupon.id);

      // …and spends it at the store's till: the order and the coupon on it reach the platform
      const order = await ingest(e2e, system, {
        externalId: `003-${openId}`,
        storeId: 'store-sh-001',
        buyer: { channel: 'WECHAT', externalId: openId },
        lines: [{ sku: 'SKU-0021', quantity: 3, unitPrice: 2500 }],
      });
      await e2e.gql(
        system,
        'mutation($c: String!, $o: ID!) { redeemCoupon(code: $c, storeId: "store-sh-001", orderId: $o) { id } }',
        {
          c: coupon.code,
          o: order.id,
        },
      );
      const counted = await e2e.until('the purchase and its points in the funnel', async () => {
        const f = await funnel();
        return f.purchased > before.purchased && f.pointsAwarded > before.pointsAwarded ? f : undefined;
      });
      expect(counted).toMatchObject({
        couponsClaimed: before.couponsClaimed + 1,
        purchased: before.purchased + 1,
        pointsAwarded: before.pointsAwarded + 75,
      });

      // the store's clerk sees its new member (and whom it was recruited by); another store's does not
      const clerk = await e2e.token({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-qr' });
      const seen = await e2e.gql<{
        member: { joinedChannel: string; joinedStore: { id: string } } | null;
        store: { members: { nodes: Array<{ id: string }> } };
        clerkStats: { recruits: Array<{ id: string }> };
      }>(
        clerk,
        `query($id: ID!) { member(id: $id) { joinedChannel joinedStore { id } }
          store(id: "store-sh-001") { members(first: 100) { nodes { id } } }
          clerkStats(clerkId: "clerk-qr", storeId: "store-sh-001") { recruits { id } } }`,
        { id: memberId },
      );
      expect(seen.member).toEqual({ joinedChannel: 'WECHAT', joinedStore: { id: 'store-sh-001' } });
      expect(seen.store.members.nodes.map((m) => m.id)).toContain(memberId);
      expect(seen.clerkStats.recruits.map((m) => m.id)).toContain(memberId);
      const other = await e2e.token({ role: 'CLERK', storeId: 'store-sh-002' });
      expect(
        (
          await e2e.gql<{ member: unknown }>(other, 'query($id: ID!) { member(id: $id) { id } }', {
            id: memberId,
          })
        ).member,
      ).toBeNull();
    }, 120_000);
  });
}
