import {
  awaitsAnnouncement,
  isCompleted,
  nextStatus,
  refundStatus,
  statusWithRefunds,
} from './order-status.js';

describe('order status', () => {
  it('lets a redelivery complete or cancel a placed order, and change nothing else', () => {
    expect(nextStatus('PLACED', 'COMPLETED')).toBe('COMPLETED');
    expect(nextStatus('PLACED', 'CANCELLED')).toBe('CANCELLED');
    expect(nextStatus('PLACED', 'PLACED')).toBeNull();
    expect(nextStatus('COMPLETED', 'CANCELLED')).toBeNull();
    expect(nextStatus('CANCELLED', 'COMPLETED')).toBeNull();
    expect(nextStatus('REFUNDED', 'COMPLETED')).toBeNull();
  });

  it('is partially refunded below the total and refunded at it', () => {
    expect(refundStatus(1000, 0)).toBe('COMPLETED');
    expect(refundStatus(1000, 1)).toBe('PARTIALLY_REFUNDED');
    expect(refundStatus(1000, 999)).toBe('PARTIALLY_REFUNDED');
    expect(refundStatus(1000, 1000)).toBe('REFUNDED');
  });

  it('counts refunds only on a completed order', () => {
    const o = (
      status: 'PLACED' | 'COMPLETED' | 'CANCELLED' | 'PARTIALLY_REFUNDED',
      refundedTotal: number,
    ) => ({
      status,
      total: 1000,
      refundedTotal,
    });
    expect(statusWithRefunds(o('COMPLETED', 0))).toBe('COMPLETED');
    expect(statusWithRefunds(o('COMPLETED', 400))).toBe('PARTIALLY_REFUNDED');
    expect(statusWithRefunds(o('PARTIALLY_REFUNDED', 1000))).toBe('REFUNDED');
    expect(statusWithRefunds(o('PLACED', 400))).toBe('PLACED');
    expect(statusWithRefunds(o('CANCELLED', 400))).toBe('CANCELLED');
  });

  it('announces a completed order once, when its buyer is known', () => {
    expect(isCompleted('REFUNDED')).toBe(true);
    expect(isCompleted('PLACED')).toBe(false);
    expect(awaitsAnnouncement({ status: 'COMPLETED', completedAnnounced: false })).toBe(true);
    expect(awaitsAnnouncement({ status: 'PARTIALLY_REFUNDED' })).toBe(true);
    expect(awaitsAnnouncement({ status: 'COMPLETED', completedAnnounced: true })).toBe(false);
    expect(awaitsAnnouncement({ status: 'COMPLETED', buyerPending: true })).toBe(false);
    expect(awaitsAnnouncement({ status: 'PLACED' })).toBe(false);
    expect(awaitsAnnouncement({ status: 'CANCELLED' })).toBe(false);
  });
});
