import { afterAll, describe, expect, it } from '@jest/globals';
import { PlatformSink } from '@zhongtai/adapter-kit';
import { PosLegacyAdapter, type PosSimulator, createPosSimulator } from '@zhongtai/adapter-pos-legacy';
import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { DAY, type E2E } from '../harness.js';
import { freshPhone, identify, memberView, pullFeed } from '../ops.js';

const POINTS = 'query($id: ID!) { member(id: $id) { points { balance pending debt } } }';
const APP = '{ me { points { balance pending } } }';
const TERMINAL = 'query($p: String!) { memberByPhone(phone: $p) { points { balance } } }';
const BY_CARD =
  'query($c: String!) { memberByIdentity(channel: STORE, externalId: $c) { points { balance } } }';
const REDEEM = 'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id balanceAfter } }';
const RECONCILE =
  'query($m: ID) { pointsReconciliation(memberId: $m) { checked mismatches { memberId problems } } }';

/** Seed 001: points earned at a store's till are spent in the app, and a later return takes its share back. */
export function pointsAcrossChannels(e2e: E2E): void {
  describe('001: points earned in a store, spent in the app', () => {
    let sim: PosSimulator | undefined;
    afterAll(() => sim?.stop());

    it('a POS sale through the POS adapter: pending, spendable after the return window, one balance everywhere, a refund reverses pro rata', async () => {
      const phone = freshPhone();
      const card = `6227${phone}`;
      const system = await e2e.token({ role: 'SYSTEM', sub: 'adapter:pos-legacy' });
      const hq = await e2e.token({ role: 'HQ' });
      // the card at the till and the app account share the phone: one member
      const atTill = await identify(e2e, system, {
        channel: 'STORE',
        externalId: card,
        phone,
        storeId: 'store-sh-001',
      });
      const inApp = await identify(e2e, system, { channel: 'APP', externalId: `app-${phone}`, phone });
      expect(inApp).toMatchObject({ linked: true, member: { id: atTill.member.id } });
      const memberId = atTill.member.id;

      // the sale is booked in the POS back office; the POS adapter pulls it and hands it over (SYSTEM)
      sim = createPosSimulator([], { noise: false });
      await sim.start();
      const adapter = new PosLegacyAdapter({ baseUrl: sim.url });
      const sink = new PlatformSink(e2e.call(system), e2e.tenant);
      let cursor: string | null = null;
      const pull = async () => {
        cursor = await pullFeed(
          (c) => adapter.listSales(c),
          cursor,
          (item) => sink.orderFeed(item),
        );
      };
      const receipt = `R${phone}`;
      const sale: NormalisedOrder = {
        source: 'pos',
        externalId: receipt,
        channel: 'STORE',
        storeId: 'store-sh-001',
        buyer: { channel: 'STORE', externalId: card },
        lines: [{ sku: 'SKU-0013', quantity: 2, unitPrice: 5000 }],
        currency: 'CNY',
        placedAt: e2e.now().toISOString(),
        status: 'COMPLETED',
      };
      sim.append([sale]);
      await pull();
      await pull(); // a second pull (the next sync) hands nothing twice
      const pending = await e2e.until('the sale’s points, pending', async () => {
        const p = (
          await e2e.gql<{ member: { points: { balance: number; pending: number } } }>(hq, POINTS, {
            id: memberId,
          })
        ).member.points;
        return p.pending === 100 ? p : undefined;
      });
      expect(pending.balance).toBe(0);

      // inside the return window the points cannot be spent
      const member = await e2e.token({ role: 'MEMBER', memberId, channel: 'APP' });
      expect(
        await e2e.refused(member, REDEEM, { i: { memberId, points: 60, idempotencyKey: `early-${phone}` } }),
      ).toBe('INSUFFICIENT_POINTS');

      // the return window (7 days) passes; the points job releases them (it runs every minute)
      await e2e.advance(8 * DAY);
      await e2e.until(
        'the points released',
        async () => {
          const p = (await e2e.gql<{ member: { points: { balance: number } } }>(hq, POINTS, { id: memberId }))
            .member.points;
          return p.balance === 100 ? p : undefined;
        },
        150_000,
      );

      // spent in the app, idempotently
      const redeem = { i: { memberId, points: 60, idempotencyKey: `app-${phone}`, reason: '兑换' } };
      const spent = await e2e.gql<{ redeemPoints: { id: string; balanceAfter: number } }>(
        member,
        REDEEM,
        redeem,
      );
      expect(spent.redeemPoints.balanceAfter).toBe(40);
      expect((await e2e.gql<{ redeemPoints: { id: string } }>(member, REDEEM, redeem)).redeemPoints.id).toBe(
        spent.redeemPoints.id,
      );

      // one balance in every channel
      const clerk = await e2e.token({ role: 'CLERK', storeId: 'store-sh-001' });
      const mini = await e2e.token({ role: 'MEMBER', memberId, channel: 'MINI_PROGRAM' });
      const seen = [
        (await e2e.gql<{ me: { points: { balance: number } } }>(member, APP)).me.points.balance,
        (await e2e.gql<{ me: { points: { balance: number } } }>(mini, APP)).me.points.balance,
        (await e2e.gql<{ memberByPhone: { points: { balance: number } } }>(clerk, TERMINAL, { p: phone }))
          .memberByPhone.points.balance,
        (await e2e.gql<{ memberByIdentity: { points: { balance: number } } }>(hq, BY_CARD, { c: card }))
          .memberByIdentity.points.balance,
      ];
      expect(seen).toEqual([40, 40, 40, 40]);

      // half the sale comes back at the till: half the points (50) are taken back — the 40 left, and 10 owed
      const refund: NormalisedRefund = {
        source: 'pos',
        orderExternalId: receipt,
        refundId: `T${phone}`,
        amount: 5000,
        refundedAt: e2e.now().toISOString(),
        reason: '质量问题',
      };
      sim.append([refund]);
      await pull();
      const after = await e2e.until('the pro-rata reversal', async () => {
        const v = await memberView(e2e, hq, memberId);
        return v.points.debt === 10 ? v : undefined;
      });
      // the balance counts what is owed: the next 10 points earned repay it (R-PT: never spend what was taken back)
      expect(after.points).toEqual({ balance: -10, pending: 0, debt: 10 });
      expect(after.growth.value).toBe(50);
      const check = await e2e.gql<{ pointsReconciliation: { checked: number; mismatches: unknown[] } }>(
        hq,
        RECONCILE,
        { m: memberId },
      );
      expect(check.pointsReconciliation).toEqual({ checked: 1, mismatches: [] });
    }, 240_000);
  });
}
