import { describe, expect, it } from '@jest/globals';
import { IntentKeys, randomKey } from './intent.js';

const counter = () => {
  let n = 0;
  return () => `k${++n}`;
};

describe('one intended write, one idempotency key', () => {
  it('keeps the key while the outcome is unknown, so a retry is the same ledger entry', () => {
    const keys = new IntentKeys(counter());
    const first = keys.keyFor('redeem 100');
    for (const code of ['NETWORK_ERROR', 'UPSTREAM_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'RATE_LIMITED']) {
      keys.answered(code);
      expect(keys.retrying).toBe(true);
      expect(keys.keyFor('redeem 100')).toBe(first);
    }
  });
  it('takes a new key once an answer settles the write (done, or refused and nothing changed)', () => {
    const keys = new IntentKeys(counter());
    expect(keys.keyFor('redeem 100')).toBe('k1');
    keys.answered();
    expect(keys.retrying).toBe(false);
    expect(keys.keyFor('redeem 100')).toBe('k2'); // the clerk redeems 100 again on purpose
    keys.answered('INSUFFICIENT_POINTS');
    expect(keys.keyFor('redeem 100')).toBe('k3');
  });
  it('a different write (another amount, member or kind) is a new key', () => {
    const keys = new IntentKeys(counter());
    keys.keyFor('redeem 100');
    keys.answered('NETWORK_ERROR');
    expect(keys.keyFor('redeem 200')).toBe('k2');
  });
  it('draws 128 random bits per key', () => {
    const a = randomKey();
    expect(a).toMatch(/^st-[0-9a-f]{32}$/);
    expect(randomKey()).not.toBe(a);
  });
});
