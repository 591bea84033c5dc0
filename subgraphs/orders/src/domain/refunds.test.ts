import type { DomainError } from '@zhongtai/contracts';
import { checkRefundable, checkSameRefund, cleanRefund, refundRecordId } from './refunds.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return [(error as DomainError).code, (error as DomainError).details?.field];
  }
  return null;
};

describe('refunds', () => {
  it('compare refund ids trimmed and keep the rest of the input', () => {
    expect(cleanRefund({ refundId: ' R-1 ', amount: 500, reason: 'damaged' })).toEqual({
      refundId: 'R-1',
      amount: 500,
      reason: 'damaged',
    });
    expect(refundRecordId('ord_1', 'R-1')).toBe('ord_1|R-1');
  });

  it('need a refund id and a positive whole amount in fen', () => {
    expect(codeOf(() => cleanRefund({ refundId: '  ', amount: 1 }))).toEqual(['BAD_USER_INPUT', 'refundId']);
    expect(codeOf(() => cleanRefund({ refundId: 'x'.repeat(129), amount: 1 }))).toEqual([
      'BAD_USER_INPUT',
      'refundId',
    ]);
    for (const amount of [0, -5, 1.5])
      expect(codeOf(() => cleanRefund({ refundId: 'R', amount }))).toEqual(['BAD_USER_INPUT', 'amount']);
  });

  it('are idempotent by id: the same id with another amount is a conflict', () => {
    expect(codeOf(() => checkSameRefund(null, 'R-1', 500))).toBeNull();
    expect(codeOf(() => checkSameRefund({ amount: 500 }, 'R-1', 500))).toBeNull();
    expect(codeOf(() => checkSameRefund({ amount: 500 }, 'R-1', 400))?.[0]).toBe('CONFLICT');
  });

  it('apply to completed orders only', () => {
    for (const status of ['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const)
      expect(codeOf(() => checkRefundable(status))).toBeNull();
    for (const status of ['PLACED', 'CANCELLED'] as const)
      expect(codeOf(() => checkRefundable(status))).toEqual(['BAD_USER_INPUT', 'orderId']);
  });
});
