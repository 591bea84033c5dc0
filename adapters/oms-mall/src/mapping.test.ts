import type { NormalisedOrder } from '@zhongtai/contracts';
import type { TopRefund, TopTrade } from './legacy.js';
import { cstToIso, mapFeedRecord, mapRefund, mapTrade, normaliseMobile, yuanToFen } from './mapping.js';
import { createOmsMallSimulator } from './simulator/oms-simulator.js';
import { sampleOmsFeed } from './simulator/sample-data.js';
import { topSign } from './top-sign.js';

const trade = (over: Partial<TopTrade> = {}): TopTrade => ({
  tid: Number('3456789012345678901'), // as JSON.parse gives it: 3456789012345679000
  tid_str: '3456789012345678901',
  platform: 'TAOBAO',
  status: 'TRADE_FINISHED',
  buyer_nick: ' tb_小猪佩琪 ',
  receiver_name: '王芳',
  receiver_mobile: '138****5678',
  payment: '59.89',
  created: '2024-03-01 07:59:59',
  modified: '2024-03-05 10:00:00',
  orders: {
    order: [
      { oid_str: '1', outer_iid: 'SKU-0001   ', title: '面霜', num: '2', price: '19.90', total_fee: '39.80' },
      { oid: 2, oid_str: '2', outer_iid: 'SKU-0002', title: 'T恤', num: 1, price: '0.29', total_fee: '0.29' },
    ],
  },
  ...over,
});

const refund = (over: Partial<TopRefund> = {}): TopRefund => ({
  refund_id: 'RF1',
  tid_str: '2024070001',
  platform: 'APP',
  status: 'SUCCESS',
  refund_fee: '10.5',
  reason: '  ',
  created: '2024-03-01 10:00:00',
  modified: '2024-03-09 00:00:00',
  success_time: '2024-03-02 00:00:00',
  ...over,
});

describe('oms-mall mapping', () => {
  it('turns yuan strings into integer fen without float error', () => {
    expect(yuanToFen('12.50')).toBe(1250);
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen(' 12 ')).toBe(1200);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(yuanToFen('1.13')).toBe(113);
    expect(yuanToFen('-3.07')).toBe(-307);
    for (const bad of ['1.005', 'abc', '', '1,00', '¥1.00']) expect(() => yuanToFen(bad)).toThrow(/yuan/);
  });

  it('reads China time as UTC, across midnight, and refuses impossible or other formats', () => {
    expect(cstToIso('2024-03-01 08:00:00')).toBe('2024-03-01T00:00:00.000Z');
    expect(cstToIso('2024-03-01 07:59:59')).toBe('2024-02-29T23:59:59.000Z');
    expect(() => cstToIso('2023-02-29 10:00:00')).toThrow(/no such time/);
    expect(() => cstToIso('2024-03-01 24:00:00')).toThrow(/no such time/);
    expect(() => cstToIso('20240301080000')).toThrow(/yyyy-MM-dd/);
  });

  it('normalises typed mobiles, drops masked ones, refuses other numbers', () => {
    for (const p of [
      '13812345678',
      '+86 138 1234 5678',
      '138-1234-5678',
      '0086 13812345678',
      '(138)12345678',
    ])
      expect(normaliseMobile(p)).toBe('13812345678');
    expect(normaliseMobile('138****5678')).toBeUndefined();
    expect(normaliseMobile('  ')).toBeUndefined();
    expect(() => normaliseMobile('021-12345678')).toThrow(/mobile/);
  });

  it('maps a Taobao trade: tid_str (tid lost precision), nick as buyer, masked phone and consignee dropped', () => {
    expect(String(trade().tid)).not.toBe('3456789012345678901'); // what JSON does to a 19-digit tid
    expect(mapTrade(trade())).toEqual({
      source: 'taobao',
      externalId: '3456789012345678901',
      channel: 'TAOBAO',
      buyer: { channel: 'TAOBAO', externalId: 'tb_小猪佩琪' },
      lines: [
        { sku: 'SKU-0001', quantity: 2, unitPrice: 1990 },
        { sku: 'SKU-0002', quantity: 1, unitPrice: 29 },
      ],
      currency: 'CNY',
      placedAt: '2024-02-29T23:59:59.000Z',
      status: 'COMPLETED',
    } satisfies NormalisedOrder);
  });

  it('maps a mall trade with pickup store, typed phone and name; a guest checkout has no buyer', () => {
    const t = trade({
      platform: 'mall',
      status: 'WAIT_SELLER_SEND_GOODS',
      buyer_nick: 'm_100001',
      receiver_mobile: '+86 139-0000-1111',
      o2o_shop_id: 'store-sh-001',
    });
    expect(mapTrade(t)).toMatchObject({
      source: 'oms',
      channel: 'MALL',
      storeId: 'store-sh-001',
      status: 'PLACED',
      buyer: { channel: 'MALL', externalId: 'm_100001', phone: '13900001111', displayName: '王芳' },
    });
    expect(mapTrade(trade({ platform: 'APP', buyer_nick: '', status: 'TRADE_CLOSED' }))).not.toHaveProperty(
      'buyer',
    );
    expect(mapTrade(trade({ status: 'TRADE_CLOSED_BY_TAOBAO' })).status).toBe('CANCELLED');
  });

  it('says clearly what it cannot map', () => {
    expect(() => mapTrade(trade({ status: 'TRADE_LOST' }))).toThrow(/unknown trade status "TRADE_LOST"/);
    expect(() => mapTrade(trade({ platform: 'JD' }))).toThrow(/platform: unknown value "JD"/);
    expect(() => mapTrade(trade({ tid_str: ' ' }))).toThrow(/tid_str is missing/);
    expect(() => mapTrade(trade({ orders: { order: [] } }))).toThrow(/no lines/);
    expect(() => mapTrade(trade({ receiver_mobile: '12345' }))).toThrow(/mobile/);
    expect(() => mapFeedRecord({ biz_type: 'ITEM' } as never)).toThrow(/unknown feed record type "ITEM"/);
  });

  it('maps a SUCCESS refund (success_time, not the last change), skips refunds in progress, refuses unknown states', () => {
    expect(mapRefund(refund())).toEqual({
      source: 'oms',
      orderExternalId: '2024070001',
      refundId: 'RF1',
      amount: 1050,
      refundedAt: '2024-03-01T16:00:00.000Z',
    });
    expect(mapRefund(refund({ reason: ' 尺码不合适 ', platform: 'TAOBAO' }))).toMatchObject({
      source: 'taobao',
      reason: '尺码不合适',
    });
    for (const status of ['WAIT_SELLER_AGREE', 'CLOSED', 'SELLER_REFUSE_BUYER'])
      expect(mapRefund(refund({ status }))).toBeNull();
    expect(() => mapRefund(refund({ status: 'HALF_DONE' }))).toThrow(/unknown refund status/);
    expect(() => mapRefund(refund({ refund_fee: '0.00' }))).toThrow(/positive/);
    expect(() => mapRefund(refund({ success_time: undefined }))).toThrow(/success_time/);
  });

  it('maps back exactly what the simulator was given (the inverse mapping is lossless)', () => {
    const data = sampleOmsFeed(300, 11);
    const rows = createOmsMallSimulator(data, { pendingRefunds: 20 }).records();
    const mapped = rows.map(mapFeedRecord);
    expect(mapped.filter((m) => m === null)).toHaveLength(20);
    const key = (x: (typeof data)[number]) => ('refundId' in x ? `r:${x.refundId}` : `o:${x.externalId}`);
    const sort = (xs: typeof data) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(mapped.filter((m) => m !== null))).toEqual(sort(data));
  });

  it('the simulator refuses records the OMS cannot hold', () => {
    const [o] = sampleOmsFeed(1, 2) as NormalisedOrder[];
    expect(() => createOmsMallSimulator([{ ...o, source: 'pos', channel: 'STORE' }])).toThrow(
      /holds no pos\/STORE/,
    );
    expect(() => createOmsMallSimulator([{ ...o, currency: 'USD' }])).toThrow(/CNY/);
    expect(() => createOmsMallSimulator([{ ...o, placedAt: '2024-03-01T00:00:00.123Z' }])).toThrow(
      /whole seconds/,
    );
    const tb = {
      ...o,
      source: 'taobao',
      channel: 'TAOBAO' as const,
      buyer: { channel: 'TAOBAO' as const, externalId: 'x', phone: '13800000000' },
    };
    expect(() => createOmsMallSimulator([tb])).toThrow(/Taobao masks/);
  });

  it('signs TOP requests over the sorted parameters', () => {
    const a = topSign({ b: '2', a: '1', sign: 'x' }, 's');
    expect(a).toMatch(/^[0-9A-F]{32}$/);
    expect(topSign({ a: '1', b: '2' }, 's')).toBe(a);
    expect(topSign({ a: '1', b: '3' }, 's')).not.toBe(a);
  });
});
