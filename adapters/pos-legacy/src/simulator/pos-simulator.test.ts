import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { createPosSimulator } from './pos-simulator.js';
import { samplePosFeed } from './sample-data.js';

const sale: NormalisedOrder = {
  source: 'pos',
  externalId: 'R1',
  channel: 'STORE',
  storeId: 'store-sh-001',
  lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: 100 }],
  currency: 'CNY',
  placedAt: '2024-03-01T01:00:00Z',
  status: 'COMPLETED',
};
const refund: NormalisedRefund = {
  source: 'pos',
  orderExternalId: 'R1',
  refundId: 'R2',
  amount: 100,
  refundedAt: '2024-03-02T01:00:00Z',
};

describe('pos simulator', () => {
  it('is deterministic, and every return follows its sale', () => {
    const feed = samplePosFeed({ seed: 3 });
    expect(feed).toEqual(samplePosFeed({ seed: 3 }));
    const placed = new Map(
      feed.flatMap((x) => ('refundId' in x ? [] : [[x.externalId, x.placedAt] as const])),
    );
    const returns = feed.filter((r): r is NormalisedRefund => 'refundId' in r);
    expect(returns.length).toBeGreaterThan(0); // else the check below proves nothing
    for (const r of returns) {
      expect(placed.has(r.orderExternalId)).toBe(true);
      expect(r.refundedAt > placed.get(r.orderExternalId)!).toBe(true);
    }
  });

  it('refuses records a POS could not hold, instead of holding something else', () => {
    const make = (o: Partial<NormalisedOrder>) => () => createPosSimulator([{ ...sale, ...o }]);
    expect(make({ source: 'oms' })).toThrow(/source/);
    expect(make({ channel: 'MALL' })).toThrow(/STORE only/);
    expect(make({ status: 'PLACED' })).toThrow(/COMPLETED/);
    expect(make({ currency: 'USD' })).toThrow(/CNY/);
    expect(make({ storeId: undefined })).toThrow(/store/);
    expect(make({ buyer: { channel: 'STORE', externalId: 'C1', phone: '13800001234' } })).toThrow(
      /card number/,
    );
    expect(make({ lines: [{ sku: 'S', quantity: 0.5, unitPrice: 1 }] })).toThrow(/whole/);
    expect(make({ placedAt: '2024-03-01T01:00:00.250Z' })).toThrow(/whole seconds/);
    expect(() => createPosSimulator([sale, sale])).toThrow(/twice/);
    expect(() => createPosSimulator([sale, { ...refund, refundId: 'R1' }])).toThrow(/twice/);
    expect(() => createPosSimulator([{ ...refund, amount: -1 }])).toThrow(/amount/);
  });
});
