import { AdapterError } from '@zhongtai/adapter-kit';
import type { CrmBalanceRow, CrmMemberRow } from './legacy.js';
import { fromLegacyTime, normaliseMobile, parsePoints, toLegacyTime } from './legacy-format.js';
import { mapBalance, mapMember } from './mapping.js';

const row = (over: Partial<CrmMemberRow> = {}): CrmMemberRow => ({
  hybh: 'CRM000123   ',
  hyxm: '王小明    ',
  sjhm: '138-0000-1234',
  mdbm: 'SH001',
  rhsj: '20230105103000',
  zcqd: '01',
  ...over,
});

describe('legacy formats', () => {
  it('reads China time as UTC, across midnight and the year end', () => {
    expect(fromLegacyTime('20230105103000', 't')).toBe('2023-01-05T02:30:00.000Z');
    expect(fromLegacyTime('20240101070000', 't')).toBe('2023-12-31T23:00:00.000Z');
    expect(fromLegacyTime(' 20240229235959 ', 't')).toBe('2024-02-29T15:59:59.000Z');
    expect(toLegacyTime('2023-12-31T23:00:00.000Z', 't')).toBe('20240101070000');
  });

  it('refuses times that are not times', () => {
    for (const bad of [
      '2023-01-05 10:30:00',
      '202301051030',
      '20230230120000',
      '20231301000000',
      '20230101246000',
    ])
      expect(() => fromLegacyTime(bad, 'rhsj')).toThrow(/rhsj/);
    expect(() => toLegacyTime('2024-01-01T00:00:00.123Z', 't')).toThrow(/whole seconds/);
  });

  it('normalises mobile numbers written every which way', () => {
    for (const raw of [
      '13800001234',
      '138-0000-1234',
      '+86 13800001234',
      '0086-13800001234',
      '8613800001234',
      ' 138 0000 1234 ',
      '(138)0000-1234',
    ])
      expect(normaliseMobile(raw)).toBe('13800001234');
    for (const raw of ['021-5555-1234', '1380000123', '12800001234', '+1 4155550123', 'n/a'])
      expect(normaliseMobile(raw)).toBeNull();
  });

  it('reads points as whole numbers only', () => {
    expect(parsePoints('1200', 'jf')).toBe(1200);
    expect(parsePoints(' 1200.00 ', 'jf')).toBe(1200);
    expect(parsePoints('-20', 'jf')).toBe(-20);
    expect(parsePoints('-0.00', 'jf')).toBe(0);
    for (const bad of ['12.50', '', '1,200', 'abc', '99999999999999999999'])
      expect(() => parsePoints(bad, 'jf')).toThrow(AdapterError);
  });
});

describe('member mapping', () => {
  it('maps a CRM member, trimming the CHAR padding and normalising the phone', () => {
    expect(mapMember(row(), { storeCodes: { SH001: 'store-sh-001' } })).toEqual({
      source: 'crm',
      externalId: 'CRM000123',
      channel: 'STORE',
      phone: '13800001234',
      displayName: '王小明',
      storeId: 'store-sh-001',
      joinedAt: '2023-01-05T02:30:00.000Z',
    });
  });

  it('leaves out what the CRM does not know, and passes unmapped store codes through', () => {
    const m = mapMember(row({ hyxm: '   ', sjhm: '', mdbm: 'GZ009 ', rhsj: '00000000000000', zcqd: '' }));
    expect(m).toEqual({ source: 'crm', externalId: 'CRM000123', channel: 'STORE', storeId: 'GZ009' });
    expect(Object.keys(mapMember(row({ mdbm: '', rhsj: '' })))).not.toContain('storeId');
  });

  it('names the online channel a member registered in', () => {
    expect(mapMember(row({ zcqd: '02' })).channel).toBe('MALL');
    expect(mapMember(row({ zcqd: '03' })).channel).toBe('APP');
    expect(mapMember(row({ zcqd: '04' })).channel).toBe('MINI_PROGRAM');
    expect(mapMember(row({ zcqd: '05 ' })).channel).toBe('WECHAT');
  });

  it('fails clearly on an unknown channel code or a blank member number', () => {
    expect(() => mapMember(row({ zcqd: '09' }))).toThrow(/CRM000123.*registration channel.*"09"/);
    expect(() => mapMember(row({ hybh: '   ' }))).toThrow(/member number/);
    expect(() => mapMember(row({ rhsj: '2023-01-05' }))).toThrow(/CRM000123 joined/);
  });

  it('drops a phone that is not a mobile, or fails when told to', () => {
    expect(mapMember(row({ sjhm: '021-5555-1234' })).phone).toBeUndefined();
    expect(() => mapMember(row({ sjhm: '021-5555-1234' }), { invalidPhone: 'error' })).toThrow(
      /not a mainland mobile/,
    );
    const e = (() => {
      try {
        mapMember(row({ zcqd: 'X' }));
      } catch (error) {
        return error as AdapterError;
      }
    })();
    expect(e).toBeInstanceOf(AdapterError);
    expect(e?.retryable).toBe(false);
  });
});

describe('balance mapping', () => {
  const b = (over: Partial<CrmBalanceRow> = {}): CrmBalanceRow => ({
    hybh: 'CRM000123  ',
    zcqd: '04',
    jf: '1200.00',
    gxsj: '20240630235959',
    ...over,
  });

  it('maps points and the update time, with the member channel', () => {
    expect(mapBalance(b())).toEqual({
      source: 'crm',
      memberExternalId: 'CRM000123',
      channel: 'MINI_PROGRAM',
      balance: 1200,
      asOf: '2024-06-30T15:59:59.000Z',
    });
  });

  it('fails clearly on fractional points or a missing update time', () => {
    expect(() => mapBalance(b({ jf: '10.5' }))).toThrow(/CRM000123.*points/);
    expect(() => mapBalance(b({ gxsj: '' }))).toThrow(/no update time/);
  });
});
