import { describe, expect, it } from '@jest/globals';
import { formatMoney, formatTime, parseLookup, parsePoints, readStaffToken } from './format.js';

const jwt = (claims: Record<string, unknown>) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('the search box', () => {
  it('reads a mobile number in any spelling as a phone', () => {
    for (const raw of [
      '13910007919',
      ' 139 1000 7919 ',
      '139-1000-7919',
      '+86 139 1000 7919',
      '008613910007919',
    ])
      expect(parseLookup(raw)).toEqual({ kind: 'phone', phone: '13910007919' });
  });
  it('reads anything else as a member code, a scanned link as its id', () => {
    const id = '9fb1d207-85cc-4f4d-ad41-093e15eb4a7a';
    expect(parseLookup(id)).toEqual({ kind: 'code', id });
    expect(parseLookup(`https://m.example.com/member/${id}`)).toEqual({ kind: 'code', id });
    expect(parseLookup(`https://m.example.com/card?member=${id}&x=1`)).toEqual({ kind: 'code', id });
    expect(parseLookup('1391000791')).toEqual({ kind: 'code', id: '1391000791' }); // 10 digits: not a phone
    expect(parseLookup('   ')).toEqual({ kind: 'empty' });
  });
});

describe('points typed by the clerk', () => {
  it('takes whole positive numbers, separators allowed', () => {
    expect(parsePoints('100')).toEqual({ points: 100 });
    expect(parsePoints(' 1,000 ')).toEqual({ points: 1000 });
    expect(parsePoints('1，000')).toEqual({ points: 1000 });
  });
  it('refuses zero, negatives, fractions, text and absurd amounts with a Chinese reason', () => {
    for (const raw of ['0', '-5', '1.5', 'abc', '', '99999999'])
      expect(parsePoints(raw)).toEqual({ error: expect.stringMatching(/积分/) });
  });
});

describe('values on screen', () => {
  it('shows fen as yuan and instants on the Shanghai calendar', () => {
    expect(formatMoney(91382)).toBe('¥913.82');
    expect(formatTime('2026-11-22T10:28:15.000Z')).toBe('2026/11/22 18:28');
    // 23:30 UTC is already the next business day in Shanghai
    expect(formatTime('2026-11-30T23:30:00.000Z')).toBe('2026/12/01 07:30');
    expect(formatTime('not a date')).toBe('not a date');
  });
});

describe('the login form’s reading of a staff token', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  it('accepts a clerk’s, store manager’s or HQ token, with or without "Bearer "', () => {
    const token = jwt({ role: 'CLERK', tenant: 'demo', storeId: 'store-sh-001', exp: now / 1000 + 60 });
    expect(readStaffToken(`Bearer ${token}`, now)).toEqual({
      token,
      claims: expect.objectContaining({ role: 'CLERK', storeId: 'store-sh-001' }),
    });
    expect(readStaffToken(jwt({ role: 'HQ', tenant: 'demo' }), now)).not.toHaveProperty('error');
  });
  it('refuses a member’s token, an expired one and something that is not a JWT, saying which', () => {
    expect(readStaffToken(jwt({ role: 'MEMBER', tenant: 'demo' }), now)).toEqual({
      error: expect.stringContaining('MEMBER'),
    });
    expect(readStaffToken(jwt({ role: 'CLERK', tenant: 'demo', exp: now / 1000 - 1 }), now)).toEqual({
      error: expect.stringContaining('过期'),
    });
    expect(readStaffToken('hello', now)).toEqual({ error: expect.stringContaining('JWT') });
    expect(readStaffToken('a.%%%.c', now)).toEqual({ error: expect.stringContaining('无法读取') });
    expect(readStaffToken(jwt({ role: 'CLERK' }), now)).toEqual({ error: expect.stringContaining('tenant') });
  });
  it('reads non-ASCII claims (UTF-8 in base64url)', () => {
    const read = readStaffToken(jwt({ role: 'CLERK', tenant: '品牌' }), now);
    expect(read).toEqual({ token: expect.any(String), claims: expect.objectContaining({ tenant: '品牌' }) });
  });
});
