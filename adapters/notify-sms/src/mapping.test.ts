import type { OutboundNotification } from '@zhongtai/contracts';
import {
  channelOfMsgType,
  fromGatewayTime,
  gatewayHeaders,
  signGatewayRequest,
  toGatewayTime,
} from './legacy-format.js';
import {
  type GatewayRecord,
  clientMsgIdFor,
  gatewayRecordToNotification,
  normaliseMobile,
  normaliseReceiver,
  parseSendReply,
  toGatewaySend,
} from './mapping.js';

const msg: OutboundNotification = {
  key: 'complaint-42:apology',
  tenant: 'brand-a',
  channel: 'SMS',
  to: '+86 138-0013-8000',
  template: 'apology',
  params: { name: '李雷', coupon: 'C-10', amount: '12.50' },
};

describe('gateway wire conventions', () => {
  it('writes and reads China-time timestamps', () => {
    expect(toGatewayTime(new Date('2023-12-31T21:00:00.500Z'))).toBe('20240101050000');
    expect(fromGatewayTime('20240101050000').toISOString()).toBe('2023-12-31T21:00:00.000Z');
    expect(() => fromGatewayTime('20240230120000')).toThrow(/calendar/);
    expect(() => fromGatewayTime('2024-01-01')).toThrow(/yyyyMMddHHmmss/);
  });

  it('signs MD5(secret + timestamp + body + secret) in upper-case hex', () => {
    // md5("s3cret-0120240101050000{}s3cret-01"), computed independently (python hashlib)
    expect(signGatewayRequest('s3cret-01', '20240101050000', '{}')).toBe('ECCFCCB92ACC01E418D2EE62CD1787C3');
    const h = gatewayHeaders('zt', 's3cret-01', new Date('2023-12-31T21:00:00Z'), '{"a":1}');
    expect(h).toEqual({
      'x-gw-appid': 'zt',
      'x-gw-timestamp': '20240101050000',
      'x-gw-sign': expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    expect(signGatewayRequest('s3cret-01', '20240101050000', '{"a":2}')).not.toBe(h['x-gw-sign']);
  });

  it('knows the numeric message types', () => {
    expect([1, 2, 3].map(channelOfMsgType)).toEqual(['SMS', 'EMAIL', 'WECHAT_TEMPLATE']);
    expect(() => channelOfMsgType(4)).toThrow(/msgType 4/);
  });
});

describe('platform message → gateway send request', () => {
  it('maps fields, normalises the phone, and serialises params with sorted keys', () => {
    expect(toGatewaySend(msg)).toEqual({
      clientMsgId: 'complaint-42:apology',
      outId: 'complaint-42:apology',
      msgType: 1,
      receiver: '13800138000',
      tplCode: 'apology',
      tplParams: '{"amount":"12.50","coupon":"C-10","name":"李雷"}',
      brand: 'brand-a',
    });
    // the same message in another key order is byte-identical (a retry is the same request)
    const reordered = { ...msg, params: { name: '李雷', amount: '12.50', coupon: 'C-10' } };
    expect(JSON.stringify(toGatewaySend(reordered))).toBe(JSON.stringify(toGatewaySend(msg)));
  });

  it('normalises phones like the member center and refuses anything else', () => {
    for (const raw of [
      '13800138000',
      '+8613800138000',
      '0086 138 0013 8000',
      '(138) 0013-8000',
      '86-13800138000',
    ])
      expect(normaliseMobile(raw)).toBe('13800138000');
    for (const bad of ['12800138000', '1380013800', '+1 415 555 0100', '021-12345678', ''])
      expect(() => normaliseMobile(bad)).toThrow(/not a valid mobile/);
  });

  it('normalises e-mail and openId receivers', () => {
    expect(normaliseReceiver('EMAIL', ' Li.Lei@Example.COM ')).toBe('li.lei@example.com');
    expect(() => normaliseReceiver('EMAIL', 'li.lei')).toThrow(/e-mail/);
    expect(normaliseReceiver('WECHAT_TEMPLATE', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o')).toBe(
      'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    );
    expect(() => normaliseReceiver('WECHAT_TEMPLATE', 'o 1')).toThrow(/openId/);
  });

  it('uses the key as clientMsgId when the gateway allows it, else a stable digest', () => {
    expect(clientMsgIdFor('order-1:shipped')).toBe('order-1:shipped');
    const odd = clientMsgIdFor('投诉/42 apology');
    expect(odd).toMatch(/^h[0-9a-f]{63}$/);
    expect(clientMsgIdFor('投诉/42 apology')).toBe(odd);
    expect(clientMsgIdFor('投诉/43 apology')).not.toBe(odd);
    expect(clientMsgIdFor('x'.repeat(65))).toHaveLength(64);
    expect(toGatewaySend({ ...msg, key: '投诉/42 apology' }).outId).toBe('投诉/42 apology');
  });

  it('refuses messages that cannot be sent, saying why', () => {
    expect(() => toGatewaySend({ ...msg, key: '' })).toThrow(/key/);
    expect(() => toGatewaySend({ ...msg, channel: 'FAX' as never })).toThrow(/channel/);
    expect(() => toGatewaySend({ ...msg, template: 'a b' })).toThrow(/template/);
    expect(() => toGatewaySend({ ...msg, params: { n: 1 as never } })).toThrow(/params/);
    expect(() => toGatewaySend({ ...msg, to: '110' })).toThrow(/mobile/);
  });
});

describe('gateway reply → provider message id', () => {
  it('reads an accepted and a repeated send alike', () => {
    expect(parseSendReply({ ret: '0', msg: '提交成功', data: { msgId: 'GW1' } })).toEqual({
      providerMessageId: 'GW1',
      duplicate: false,
    });
    expect(parseSendReply({ ret: 1009, msg: '重复提交', data: { msgId: 'GW1' } })).toEqual({
      providerMessageId: 'GW1',
      duplicate: true,
    });
  });

  it('fails clearly on refusals, missing ids and nonsense', () => {
    expect(() => parseSendReply({ ret: '3001', msg: '余额不足' })).toThrow(/3001: 余额不足/);
    expect(() => parseSendReply({ ret: '0', data: null })).toThrow(/no message id/);
    expect(() => parseSendReply('OK')).toThrow(/malformed/);
  });
});

describe('gateway record → platform message (the inverse)', () => {
  it('gives back the message that was sent', () => {
    const normalised = { ...msg, to: '13800138000' };
    const record: GatewayRecord = {
      ...toGatewaySend(msg),
      msgId: 'GW1',
      recvTime: '20240101050000',
      stat: 'DELIVRD',
    };
    expect(gatewayRecordToNotification(record)).toEqual(normalised);
    expect(() => gatewayRecordToNotification({ ...record, tplParams: '{' })).toThrow(/GW1/);
  });
});
