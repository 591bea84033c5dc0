import { requestHash } from './ledger-service.js';

describe('requestHash', () => {
  it('ignores key order at every depth', () => {
    expect(requestHash({ a: 1, b: { x: 1, y: [{ p: 1, q: 2 }] } })).toBe(
      requestHash({ b: { y: [{ q: 2, p: 1 }], x: 1 }, a: 1 }),
    );
  });

  it('tells different bodies apart, nested ones too', () => {
    expect(requestHash({ a: 1, b: { x: 1 } })).not.toBe(requestHash({ a: 1, b: { x: 2 } }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: '1' }));
  });

  it('keeps the hashes stored with earlier ledger entries (top-level pairs, undefined as null)', () => {
    // computed with the hash as it was before nested keys were sorted
    const body = {
      op: 'earn',
      memberId: 'm-1',
      points: 10,
      reason: undefined,
      source: { channel: 'STORE', storeId: 's1' },
    };
    expect(requestHash(body)).toBe('67d486a52f4fcc4b0ed5e7b8b55960957cf952c30d24aa7aaa27866faa1ccb16');
  });
});
