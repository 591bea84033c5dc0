import { milliToQuantity, numberToMilli, quantityToMilli, toWmsTime, wmsTimeToIso } from './legacy-format.js';
import { type WmsStockRow, answerInOrder, mapStockRows, pairKey, parseStockReply } from './mapping.js';
import { DEMO_WMS_LOCATIONS, demoStockLevels } from './simulator/demo-data.js';
import { toLotRows } from './simulator/wms-simulator.js';

const codes = new Map(Object.entries(DEMO_WMS_LOCATIONS).map(([id, code]) => [code, id]));
const row = (r: Partial<WmsStockRow>): WmsStockRow => ({
  spbm: 'SKU-0001            ',
  ckbm: 'SH001',
  pch: 'P1',
  kcsl: '10.000',
  sdsl: '0.000',
  gxsj: '20240501100304',
  ...r,
});

describe('WMS wire formats', () => {
  it('reads China-time timestamps as ISO UTC, across midnight and year ends', () => {
    expect(wmsTimeToIso('20240501100304')).toBe('2024-05-01T02:03:04.000Z');
    expect(wmsTimeToIso(' 20240101050000 ')).toBe('2023-12-31T21:00:00.000Z');
    expect(wmsTimeToIso('20240229235959')).toBe('2024-02-29T15:59:59.000Z');
  });

  it('rejects timestamps that are not calendar times, with the value in the message', () => {
    expect(() => wmsTimeToIso('20230229120000')).toThrow(/20230229120000/);
    expect(() => wmsTimeToIso('2024-05-01 10:03:04')).toThrow(/yyyyMMddHHmmss/);
    expect(() => wmsTimeToIso('')).toThrow();
    expect(() => wmsTimeToIso('20240501246000')).toThrow(/calendar/);
  });

  it('writes timestamps back in China time (the inverse)', () => {
    expect(toWmsTime('2023-12-31T21:00:00.000Z')).toBe('20240101050000');
    expect(toWmsTime(new Date('2024-05-01T02:03:04.999Z'))).toBe('20240501100304');
    for (const iso of ['2024-02-29T15:59:59.000Z', '1999-12-31T16:00:00.000Z'])
      expect(wmsTimeToIso(toWmsTime(iso))).toBe(iso);
  });

  it('reads quantity strings in thousandths, without float error', () => {
    expect(quantityToMilli('120.000')).toBe(120_000);
    expect(quantityToMilli(' 1.25 ')).toBe(1250);
    expect(quantityToMilli('7')).toBe(7000);
    expect(quantityToMilli('-3.5')).toBe(-3500);
    expect(quantityToMilli('0.1') + quantityToMilli('0.2')).toBe(300);
    for (const bad of ['', '1,200.000', '1.2345', 'abc', '1e3', '--1'])
      expect(() => quantityToMilli(bad)).toThrow();
    expect(milliToQuantity(1250)).toBe('1.250');
    expect(milliToQuantity(-3500)).toBe('-3.500');
    expect(milliToQuantity(0)).toBe('0.000');
    expect(numberToMilli(36.536)).toBe(36_536);
    expect(() => numberToMilli(0.0001)).toThrow(/3 decimals/);
  });
});

describe('stock rows → StockLevel', () => {
  it('trims padded SKUs, maps location codes back and adds lots up exactly', () => {
    const got = mapStockRows(
      [
        row({ kcsl: '0.100', sdsl: '0.000', gxsj: '20240501100304' }),
        row({ pch: 'P2', kcsl: '0.200', sdsl: '0.050', gxsj: '20240502080000' }),
        row({ spbm: 'SKU-0002', ckbm: 'BJ001', kcsl: '5', sdsl: '7', gxsj: '20240101000000' }),
      ],
      codes,
    );
    expect(got.get(pairKey('SKU-0001', 'store-sh-001'))).toEqual({
      sku: 'SKU-0001',
      locationId: 'store-sh-001',
      onHand: 0.3,
      available: 0.25,
      asOf: '2024-05-02T00:00:00.000Z',
    });
    // oversold: more allocated than on hand gives negative availability, as the WMS says
    expect(got.get(pairKey('SKU-0002', 'store-bj-001'))).toMatchObject({ onHand: 5, available: -2 });
  });

  it('fails clearly on unknown location codes and malformed values', () => {
    expect(() => mapStockRows([row({ ckbm: 'XX999' })], codes)).toThrow(/unknown location code "XX999"/);
    expect(() => mapStockRows([row({ kcsl: 'N/A' })], codes)).toThrow(/row 0 .*quantity.*N\/A/);
    expect(() => mapStockRows([row({ gxsj: '20241301000000' })], codes)).toThrow(/row 0/);
    expect(() => mapStockRows([row({ spbm: '   ' })], codes)).toThrow(/empty spbm/);
  });

  it('reads the envelope: rows on success, the code and message on a refusal', () => {
    expect(parseStockReply({ flag: 'success', code: 0, kcmx: [row({})] })).toHaveLength(1);
    expect(parseStockReply({ flag: 'success', code: '0' })).toEqual([]);
    expect(() => parseStockReply({ flag: 'failure', code: 'E101', message: '单次最多查询50条' })).toThrow(
      /E101: 单次最多查询50条/,
    );
    expect(() => parseStockReply('<html>gateway</html>')).toThrow(/malformed/);
    expect(() => parseStockReply({ flag: 'success', code: '0', kcmx: [{ spbm: 1 }] })).toThrow(/malformed/);
  });

  it('answers in the order asked, keeps duplicates, and gives unknown pairs zero stock as of now', () => {
    const found = mapStockRows([row({})], codes);
    const now = new Date('2024-06-01T00:00:00.750Z');
    const got = answerInOrder(
      [
        { sku: 'NOPE', locationId: 'store-sh-001' },
        { sku: 'SKU-0001', locationId: 'store-sh-001' },
        { sku: 'SKU-0001', locationId: 'nowhere' },
        { sku: 'SKU-0001', locationId: 'store-sh-001' },
      ],
      found,
      now,
    );
    expect(got.map((s) => [s.sku, s.locationId, s.onHand])).toEqual([
      ['NOPE', 'store-sh-001', 0],
      ['SKU-0001', 'store-sh-001', 10],
      ['SKU-0001', 'nowhere', 0],
      ['SKU-0001', 'store-sh-001', 10],
    ]);
    expect(got[0]).toEqual({
      sku: 'NOPE',
      locationId: 'store-sh-001',
      onHand: 0,
      available: 0,
      asOf: '2024-06-01T00:00:00.000Z',
    });
  });

  it('maps the simulator’s lot rows back to exactly the stock it was given', () => {
    const stock = demoStockLevels(200, 11);
    const rows = toLotRows(stock, DEMO_WMS_LOCATIONS, 5);
    expect(rows.length).toBeGreaterThan(stock.length); // some levels are split into lots
    const back = mapStockRows(rows, codes);
    expect(stock.map((s) => back.get(pairKey(s.sku, s.locationId)))).toEqual(stock);
    expect(() => toLotRows([{ ...stock[0], locationId: 'mars' }], DEMO_WMS_LOCATIONS)).toThrow(/mars/);
  });
});
