import { DomainError } from '@zhongtai/contracts';
import { maskName, maskPhone, normalizePhone } from './pii.js';

describe('phone normalisation', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['(138) 1234 5678', '13812345678'],
  ])('%s → %s', (raw, expected) => expect(normalizePhone(raw)).toBe(expected));

  it.each(['12812345678', '1381234567', 'abc', '', '+1 415 555 0100'])(
    'rejects %j with BAD_USER_INPUT',
    (raw) => {
      expect(() => normalizePhone(raw)).toThrow(DomainError);
      try {
        normalizePhone(raw);
      } catch (e) {
        expect((e as DomainError).code).toBe('BAD_USER_INPUT');
      }
    },
  );
});

describe('masking', () => {
  it('masks the middle of a phone', () => expect(maskPhone('13812345678')).toBe('138****5678'));
  it('keeps the first character of a name', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('A')).toBe('*');
  });
});
