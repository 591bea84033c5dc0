import { DomainError, ErrorCode, type NormalisedOrder } from '@zhongtai/contracts';
import type { ServiceCall } from '@zhongtai/subgraph-kit';
import { PlatformSink } from './platform-sink.js';

/** The sink against a fake gateway that records what it was asked and refuses some coupon codes. */
function sinkWith(refuse: Record<string, string>) {
  const calls: Array<{ query: string; variables: Record<string, unknown> }> = [];
  const call = (async (_tenant: string, query: string, variables: Record<string, unknown> = {}) => {
    calls.push({ query, variables });
    if (query.includes('ingestOrder')) return { ingestOrder: { created: true, order: { id: 'ord_1' } } };
    if (query.includes('identifyMember')) return { identifyMember: { member: { id: 'm-1' } } };
    const reason = refuse[variables.c as string];
    if (reason) throw new DomainError(reason as ErrorCode, `refused ${String(variables.c)}`);
    return { redeemCoupon: { id: 'c' } };
  }) as ServiceCall;
  return { sink: new PlatformSink(call, 'demo'), calls };
}

const sale: NormalisedOrder = {
  source: 'pos',
  externalId: 'SH001-1',
  channel: 'STORE',
  storeId: 'store-sh-001',
  lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 100 }],
  currency: 'CNY',
  placedAt: '2026-03-01T01:00:00Z',
  status: 'COMPLETED',
  couponCodes: ['GOOD', 'TAKEN', 'OLD'],
};

describe('PlatformSink', () => {
  it("redeems a receipt's coupons at its store for its order, and answers what the platform refused", async () => {
    const { sink, calls } = sinkWith({ TAKEN: ErrorCode.CONFLICT, OLD: ErrorCode.BAD_USER_INPUT });
    const r = await sink.order(sale);
    expect(r.couponsRefused).toEqual([
      { code: 'TAKEN', reason: 'CONFLICT', message: 'refused TAKEN' },
      { code: 'OLD', reason: 'BAD_USER_INPUT', message: 'refused OLD' },
    ]);
    const redeemed = calls.filter((c) => c.query.includes('redeemCoupon')).map((c) => c.variables);
    expect(redeemed).toEqual(['GOOD', 'TAKEN', 'OLD'].map((c) => ({ c, s: 'store-sh-001', o: 'ord_1' })));
  });

  it('throws when the platform did not answer (the page is read again), and redeems nothing without a store', async () => {
    await expect(sinkWith({ GOOD: ErrorCode.UPSTREAM_UNAVAILABLE }).sink.order(sale)).rejects.toThrow(
      /refused GOOD/,
    );
    const { sink, calls } = sinkWith({});
    expect((await sink.order({ ...sale, storeId: undefined, channel: 'MALL' })).couponsRefused).toEqual([]);
    expect(calls.some((c) => c.query.includes('redeemCoupon'))).toBe(false);
  });

  it('a WeChat follow or scan opts into WeChat messages; an unfollow identifies nobody', async () => {
    const { sink, calls } = sinkWith({});
    await sink.wechat({
      kind: 'SCAN',
      openId: 'oW-1',
      storeId: 'store-sh-001',
      messageId: 'x',
      at: '',
    } as never);
    expect(await sink.wechat({ kind: 'UNFOLLOW', openId: 'oW-1' } as never)).toBeNull();
    expect(calls.map((c) => c.variables.i)).toEqual([
      expect.objectContaining({ channel: 'WECHAT', externalId: 'oW-1', consents: ['WECHAT'] }),
    ]);
  });
});
