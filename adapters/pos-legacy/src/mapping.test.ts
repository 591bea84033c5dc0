import { AdapterError } from '@zhongtai/adapter-kit';
import type { PosRow } from './legacy.js';
import { fenToYuan, fromLegacyTime, parseQuantity, toLegacyTime, yuanToFen } from './legacy-format.js';
import { mapSaleRow } from './mapping.js';

const row = (over: Partial<PosRow> = {}): PosRow => ({
  lsh: 10000123,
  djlx: 'XS',
  zfbz: '0',
  xpbh: ' SH001-000123 ',
  ysxph: '',
  mdbm: 'SH001 ',
  syjh: '02',
  hykh: ' 6227001200007919  ',
  jysj: '20240301093005',
  hjje: '289.70',
  thyy: '',
  yhqm: '',
  mx: [
    { spbm: 'SKU-0001', sl: '2.000', dj: '129.90' },
    { spbm: ' SKU-0002 ', sl: '1', dj: '29.9' },
  ],
  ...over,
});

describe('legacy formats', () => {
  it('turns yuan strings into fen without float error', () => {
    const cases: Array<[string, number]> = [
      ['129.90', 12990],
      ['129.9', 12990],
      ['19.99', 1999],
      ['0.29', 29],
      ['1.50000', 150],
      ['.50', 50],
      ['35', 3500],
      [' 1234567.89 ', 123456789],
      ['-129.90', -12990],
      ['-0.00', 0],
      ['4.35', 435],
    ];
    for (const [raw, fen] of cases) expect(yuanToFen(raw, 'x')).toBe(fen);
    for (let fen = 0; fen < 100_000; fen += 7) expect(yuanToFen(fenToYuan(fen), 'x')).toBe(fen);
    expect(fenToYuan(-5)).toBe('-0.05');
  });

  it('refuses amounts that are not amounts, or finer than a fen', () => {
    for (const bad of ['', '.', '12,50', '¥12.50', '1.234', '1.005', '1e3', 'NaN', '--1'])
      expect(() => yuanToFen(bad, 'dj')).toThrow(AdapterError);
    expect(() => yuanToFen('1.234', 'dj')).toThrow(/finer than a fen/);
  });

  it('reads quantities as whole positive numbers', () => {
    expect(parseQuantity('2.000', 'sl')).toBe(2);
    expect(parseQuantity(' 3 ', 'sl')).toBe(3);
    for (const bad of ['0.500', '0', '-1', '', 'two']) expect(() => parseQuantity(bad, 'sl')).toThrow(/sl/);
  });

  it('reads China time as UTC', () => {
    expect(fromLegacyTime('20240301093005', 't')).toBe('2024-03-01T01:30:05.000Z');
    expect(fromLegacyTime('20240301070000', 't')).toBe('2024-02-29T23:00:00.000Z');
    expect(toLegacyTime('2024-02-29T23:00:00Z', 't')).toBe('20240301070000');
    expect(() => fromLegacyTime('20240230120000', 'jysj')).toThrow(/no such time/);
    expect(() => fromLegacyTime('2024-03-01 09:30', 'jysj')).toThrow(/yyyyMMddHHmmss/);
  });
});

describe('sales feed mapping', () => {
  it('maps a sale with a card scanned', () => {
    expect(mapSaleRow(row(), { storeCodes: { SH001: 'store-sh-001' } })).toEqual({
      source: 'pos',
      externalId: 'SH001-000123',
      channel: 'STORE',
      storeId: 'store-sh-001',
      buyer: { channel: 'STORE', externalId: '6227001200007919' },
      lines: [
        { sku: 'SKU-0001', quantity: 2, unitPrice: 12990 },
        { sku: 'SKU-0002', quantity: 1, unitPrice: 2990 },
      ],
      currency: 'CNY',
      placedAt: '2024-03-01T01:30:05.000Z',
      status: 'COMPLETED',
    });
  });

  it('has no buyer when no card was scanned (blank or zeros), and passes unknown store codes through', () => {
    for (const hykh of ['', '   ', '0', '0000000000']) {
      const o = mapSaleRow(row({ hykh }));
      expect(o).not.toHaveProperty('buyer');
      expect(o).toMatchObject({ storeId: 'SH001' });
    }
  });

  it('reads the coupon codes the till accepted (either width of comma or semicolon, each once)', () => {
    const codes = (yhqm: string) => (mapSaleRow(row({ yhqm })) as { couponCodes?: string[] }).couponCodes;
    expect(codes('')).toBeUndefined();
    expect(codes(' , ')).toBeUndefined();
    expect(codes('ABCD-EFGH-JKMN-PQRS')).toEqual(['ABCD-EFGH-JKMN-PQRS']);
    expect(codes(' abcd efgh jkmn pqrs，X1;Y2；X1 ')).toEqual(['abcd efgh jkmn pqrs', 'X1', 'Y2']);
  });

  it('maps a return to a refund of the original receipt, amount positive', () => {
    const r = row({
      djlx: 'TH',
      xpbh: 'SH001-000200',
      ysxph: ' SH001-000123',
      hjje: '-129.90',
      thyy: '质量问题 ',
      mx: [],
    });
    expect(mapSaleRow(r)).toEqual({
      source: 'pos',
      orderExternalId: 'SH001-000123',
      refundId: 'SH001-000200',
      amount: 12990,
      reason: '质量问题',
      refundedAt: '2024-03-01T01:30:05.000Z',
    });
    expect(mapSaleRow({ ...r, thyy: '' })).not.toHaveProperty('reason');
  });

  it('skips voided receipts and shift handovers', () => {
    expect(mapSaleRow(row({ zfbz: '1' }))).toBeNull();
    expect(mapSaleRow(row({ djlx: 'TH', zfbz: '1' }))).toBeNull();
    expect(mapSaleRow(row({ djlx: 'JB', xpbh: '', mdbm: '', mx: [] }))).toBeNull();
  });

  it('fails clearly on unknown types or flags and on records it cannot map', () => {
    expect(() => mapSaleRow(row({ djlx: 'YS' }))).toThrow(/10000123.*document type.*"YS"/);
    expect(() => mapSaleRow(row({ zfbz: 'Y' }))).toThrow(/void flag/);
    expect(() => mapSaleRow(row({ djlx: 'TH', ysxph: '' }))).toThrow(/original receipt/);
    expect(() => mapSaleRow(row({ mdbm: ' ' }))).toThrow(/SH001-000123.*store code/);
    expect(() => mapSaleRow(row({ xpbh: '' }))).toThrow(/receipt number/);
    expect(() => mapSaleRow(row({ mx: [{ spbm: 'SKU-1', sl: '0.350', dj: '12.00' }] }))).toThrow(/line 1/);
    expect(() => mapSaleRow(row({ mx: [{ spbm: 'SKU-1', sl: '1', dj: '-2.00' }] }))).toThrow(
      /negative price/,
    );
    let error: unknown;
    try {
      mapSaleRow(row({ jysj: 'yesterday' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ retryable: false, message: expect.stringMatching(/jysj|time/) });
  });
});
