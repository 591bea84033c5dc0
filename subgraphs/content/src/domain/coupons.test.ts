import type { CouponDoc } from './records.js';
import { checkTerms, couponCode, normaliseCode, redemption, stockChange } from './coupons.js';

const bytes = (fill: (i: number) => number) => (n: number) =>
  Uint8Array.from({ length: n }, (_, i) => fill(i));

describe('coupon codes', () => {
  it('are 16 symbols of Crockford base32 from the random bytes, shown in groups of four', () => {
    const { code, codeKey } = couponCode(bytes((i) => i * 7));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(code.replace(/-/g, '')).toBe(codeKey);
    expect(couponCode(bytes(() => 255)).codeKey).toBe('Z'.repeat(16));
    expect(couponCode(bytes(() => 0)).codeKey).toBe('0'.repeat(16));
  });

  it('differ with the random bytes (80 bits: one symbol per byte)', () => {
    const seen = new Set(
      Array.from({ length: 32 }, (_, k) => couponCode(bytes((i) => (i === 15 ? k : 0))).codeKey),
    );
    expect(seen.size).toBe(32);
  });

  it('are read back whatever a till or an app sends: case, spaces, dashes, O for 0, I or L for 1', () => {
    expect(normaliseCode('abcd-efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS');
    expect(normaliseCode(' 0oOo 1iIl LLLL 2345 ')).toBe('0000111111112345');
    expect(normaliseCode('ABCD-EFGH-JKMN-PQR')).toBeNull(); // 15 symbols
    expect(normaliseCode('ABCD-EFGH-JKMN-PQRU')).toBeNull(); // U is not a symbol
    expect(normaliseCode('')).toBeNull();
  });
});

describe('offer terms', () => {
  const terms = { stock: 100, claimFrom: null, claimUntil: null, validDays: 30 };
  it('accept a stock from 0, or none; valid 1..3660 days; a window that ends after it starts', () => {
    expect(checkTerms(terms)).toEqual(terms);
    expect(checkTerms({ ...terms, stock: null })).toMatchObject({ stock: null });
    expect(checkTerms({ ...terms, stock: 0 })).toMatchObject({ stock: 0 });
    for (const bad of [
      { stock: -1 },
      { stock: 1.5 },
      { validDays: 0 },
      { validDays: 4000 },
      { claimFrom: new Date('2026-03-02'), claimUntil: new Date('2026-03-01') },
    ])
      expect(() => checkTerms({ ...terms, ...bad })).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      );
  });

  it('a stock change moves what is left by the difference, whatever was claimed meanwhile', () => {
    expect(stockChange(null, 50)).toEqual({ remaining: 50 });
    expect(stockChange({ stock: 50, issued: 20 }, 80)).toEqual({ remainingDelta: 30 });
    expect(stockChange({ stock: 50, issued: 20 }, 10)).toEqual({ remainingDelta: -40 });
    expect(stockChange({ stock: null, issued: 20 }, 50)).toEqual({ remaining: 30 });
    expect(stockChange({ stock: 50, issued: 20 }, null)).toEqual({ remaining: null });
  });
});

describe('redemption', () => {
  const c = (x: Partial<CouponDoc> = {}): CouponDoc => ({
    _id: 'demo|o|m',
    tenant: 'demo',
    memberId: 'm',
    claimedBy: 'm',
    offerId: 'o',
    code: 'X',
    codeKey: 'X',
    claimedAt: new Date('2026-03-01T00:00:00Z'),
    validUntil: new Date('2026-03-31T15:59:59.999Z'),
    ...x,
  });
  const now = new Date('2026-03-10T00:00:00Z');
  it('redeems a valid coupon; the same store again is a replay; another store a CONFLICT', () => {
    expect(redemption(c(), 's1', now)).toBe('redeem');
    const used = c({ redeemedAt: now, redeemedStoreId: 's1' });
    expect(redemption(used, 's1', now)).toBe('replay');
    expect(() => redemption(used, 's2', now)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
  it('through the last millisecond of its validity, not after (BAD_USER_INPUT)', () => {
    expect(redemption(c(), 's1', new Date('2026-03-31T15:59:59.999Z'))).toBe('redeem');
    expect(() => redemption(c(), 's1', new Date('2026-03-31T16:00:00.000Z'))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});
