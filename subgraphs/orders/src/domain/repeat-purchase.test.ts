import { firstOrRepeat, markedRepeat } from './repeat-purchase.js';

const at = (iso: string) => new Date(iso);
const order = (id: string, placedAt: string, status: 'COMPLETED' | 'CANCELLED' = 'COMPLETED') => ({
  _id: id,
  placedAt: at(placedAt),
  status,
});

describe('first order or repeat purchase', () => {
  it('takes the first place when the member has no first order yet', () => {
    expect(firstOrRepeat(order('o1', '2026-03-01T10:00:00Z'), {})).toEqual({
      repeat: false,
      takesFirst: true,
    });
  });

  it('is no repeat when it is the recorded first order', () => {
    const first = { id: 'o1', at: at('2026-03-01T10:00:00Z') };
    expect(firstOrRepeat(order('o1', '2026-03-01T10:00:00Z'), first)).toEqual({
      repeat: false,
      takesFirst: false,
    });
  });

  it('is a repeat when placed after the first order', () => {
    const first = { id: 'o1', at: at('2026-03-01T10:00:00Z') };
    expect(firstOrRepeat(order('o2', '2026-03-05T10:00:00Z'), first)).toEqual({
      repeat: true,
      takesFirst: false,
    });
  });

  it('takes the place of a later first order (history arriving out of order)', () => {
    const first = { id: 'o5', at: at('2026-03-05T10:00:00Z') };
    expect(firstOrRepeat(order('o9', '2026-01-01T10:00:00Z'), first)).toEqual({
      repeat: false,
      takesFirst: true,
    });
  });

  it('breaks a tie of instants by the smaller order id', () => {
    const first = { id: 'o5', at: at('2026-03-05T10:00:00Z') };
    expect(firstOrRepeat(order('o4', '2026-03-05T10:00:00Z'), first).takesFirst).toBe(true);
    expect(firstOrRepeat(order('o6', '2026-03-05T10:00:00Z'), first)).toEqual({
      repeat: true,
      takesFirst: false,
    });
  });

  it('never makes a cancelled order the first', () => {
    const first = { id: 'o5', at: at('2026-03-05T10:00:00Z') };
    expect(firstOrRepeat(order('o1', '2026-01-01T10:00:00Z', 'CANCELLED'), first)).toEqual({
      repeat: true,
      takesFirst: false,
    });
  });

  it('re-marks the previous first order as a repeat once, and leaves nothing recorded alone', () => {
    const entry = { memberId: 'm1', total: 1000, refunded: 0, repeat: false };
    expect(markedRepeat(entry)).toEqual({ ...entry, repeat: true });
    expect(markedRepeat({ ...entry, repeat: true })).toBeNull();
    expect(markedRepeat(undefined)).toBeNull();
  });
});
