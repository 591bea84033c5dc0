import { orderStats } from './order-stats.js';

const at = (d: string) => new Date(`2026-0${d}T00:00:00Z`);

describe('orderStats', () => {
  it('is empty for a member without orders', () => {
    expect(orderStats([])).toEqual({
      orderCount: 0,
      totalSpent: 0,
      firstOrderAt: null,
      lastOrderAt: null,
      isRepeatCustomer: false,
    });
  });
  it('counts purchases net of refunds and ignores refunded and cancelled orders', () => {
    const s = orderStats([
      { status: 'COMPLETED', total: 1000, refundedTotal: 0, placedAt: at('3-01') },
      { status: 'PARTIALLY_REFUNDED', total: 500, refundedTotal: 200, placedAt: at('1-01') },
      { status: 'REFUNDED', total: 900, refundedTotal: 900, placedAt: at('5-01') },
      { status: 'CANCELLED', total: 900, refundedTotal: 0, placedAt: at('6-01') },
    ]);
    expect(s).toEqual({
      orderCount: 2,
      totalSpent: 1300,
      firstOrderAt: at('1-01'),
      lastOrderAt: at('3-01'),
      isRepeatCustomer: true,
    });
  });
});
