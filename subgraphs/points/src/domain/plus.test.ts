import { describe, expect, it } from '@jest/globals';
import { checkPlusPurchase, isPlus, plusAfterPurchase } from './plus.js';

// a plain UTC month adder is enough here: the tenant's calendar is tested in the kit
const addMonths = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};
const at = (s: string) => new Date(s);
const buy = { months: 1, fee: 1500, currency: 'CNY' };

describe('Plus', () => {
  it('is active from its start (inclusive) to its end (exclusive)', () => {
    const p = {
      startsAt: at('2026-01-01T00:00:00Z'),
      endsAt: at('2026-02-01T00:00:00Z'),
      fee: 0,
      currency: 'CNY',
    };
    expect(isPlus(p, at('2025-12-31T23:59:59Z'))).toBe(false);
    expect(isPlus(p, at('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isPlus(p, at('2026-02-01T00:00:00Z'))).toBe(false);
    expect(isPlus(null, at('2026-01-15T00:00:00Z'))).toBe(false);
  });

  it('a purchase while active extends the end and keeps the start; after the end it starts anew', () => {
    const current = {
      startsAt: at('2026-01-01T00:00:00Z'),
      endsAt: at('2026-02-01T00:00:00Z'),
      fee: 1500,
      currency: 'CNY',
    };
    const extended = plusAfterPurchase(current, { ...buy, months: 2 }, at('2026-01-20T00:00:00Z'), addMonths);
    expect(extended.startsAt).toEqual(current.startsAt);
    expect(extended.endsAt).toEqual(at('2026-04-01T00:00:00Z'));
    const later = plusAfterPurchase(current, buy, at('2026-03-05T00:00:00Z'), addMonths);
    expect(later.startsAt).toEqual(at('2026-03-05T00:00:00Z'));
    expect(later.endsAt).toEqual(at('2026-04-05T00:00:00Z'));
  });

  it('refuses months outside 1..36, a negative or fractional fee, a currency that is not ISO 4217', () => {
    expect(() => checkPlusPurchase({ ...buy, months: 0 })).toThrow(/months/);
    expect(() => checkPlusPurchase({ ...buy, months: 37 })).toThrow(/months/);
    expect(() => checkPlusPurchase({ ...buy, fee: -1 })).toThrow(/fee/);
    expect(() => checkPlusPurchase({ ...buy, fee: 1.5 })).toThrow(/fee/);
    expect(() => checkPlusPurchase({ ...buy, currency: 'rmb' })).toThrow(/currency/);
    expect(() => checkPlusPurchase(buy)).not.toThrow();
  });
});
