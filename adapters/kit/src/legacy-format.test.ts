import {
  chinaCompactToIso,
  chinaDashedToIso,
  decimalToMinor,
  mainlandMobile,
  minorToDecimal,
  toChinaCompact,
  toChinaDashed,
} from './legacy-format.js';

describe('legacy formats', () => {
  it('reads and writes China time both ways', () => {
    expect(chinaCompactToIso('20240105103000')).toBe('2024-01-05T02:30:00.000Z');
    expect(chinaDashedToIso('2024-01-01 03:00:00')).toBe('2023-12-31T19:00:00.000Z');
    expect(toChinaCompact('2024-01-05T02:30:00.000Z')).toBe('20240105103000');
    expect(toChinaDashed('2023-12-31T19:00:00.000Z')).toBe('2024-01-01 03:00:00');
    expect(() => chinaCompactToIso('20240230103000')).toThrow(/no such time/);
    expect(() => toChinaCompact('2024-01-05T02:30:00.500Z', { wholeSeconds: true })).toThrow(/whole seconds/);
  });
  it('normalises mobiles', () => {
    expect(mainlandMobile('+86 138-0000-1234')).toBe('13800001234');
    expect(mainlandMobile('0086 13800001234')).toBe('13800001234');
    expect(mainlandMobile('138****1234')).toBeNull();
    expect(mainlandMobile('12800001234')).toBeNull();
  });
  it('converts decimals to minor units without float error', () => {
    expect(decimalToMinor('0.29', 2)).toBe(29);
    expect(decimalToMinor('129.9', 2)).toBe(12990);
    expect(decimalToMinor('-3.5', 3)).toBe(-3500);
    expect(() => decimalToMinor('1.234', 2)).toThrow();
    expect(minorToDecimal(12990, 2)).toBe('129.90');
    expect(minorToDecimal(-3500, 3)).toBe('-3.500');
  });
});
