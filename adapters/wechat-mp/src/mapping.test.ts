import { wechatDecrypt, wechatEncrypt, wechatSignature } from './crypto.js';
import { mapWechatEvent, unixToIso } from './mapping.js';
import { sampleEncodingAesKey, sampleWechatEvents } from './simulator/sample-events.js';
import { createWechatMpSimulator } from './simulator/wechat-simulator.js';
import { parseWechatXml, toWechatXml } from './xml.js';

const push = (fields: Record<string, string | number>) => mapWechatEvent(parseWechatXml(toWechatXml(fields)));
const base = {
  ToUserName: 'gh_8a3c5f71b2d4',
  FromUserName: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  CreateTime: 1709258400,
  MsgType: 'event',
};

describe('wechat-mp XML', () => {
  it('reads CDATA, bare numbers, entities and nested elements of the flat message', () => {
    const xml = `<?xml version="1.0"?>
      <xml>
        <ToUserName><![CDATA[gh_1]]></ToUserName>
        <CreateTime>1348831860</CreateTime>
        <Content>a &lt;b&gt; &amp; &#20013;</Content>
        <Empty><![CDATA[]]></Empty>
        <ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType></ScanCodeInfo>
      </xml>`;
    expect(parseWechatXml(xml)).toEqual({
      ToUserName: 'gh_1',
      CreateTime: '1348831860',
      Content: 'a <b> & 中',
      Empty: '',
      ScanCodeInfo: '<ScanType><![CDATA[qrcode]]></ScanType>',
    });
    expect(() => parseWechatXml('{"json":true}')).toThrow(/not a <xml>/);
    expect(() => parseWechatXml('<xml><A>1</A>junk<B>2</B></xml>')).toThrow(/malformed/);
    expect(() => parseWechatXml('<xml><A>1</B></xml>')).toThrow(/malformed/);
  });
});

describe('wechat-mp mapping', () => {
  it('maps a follow through a store QR code, a plain follow, a scan and an unfollow', () => {
    expect(push({ ...base, Event: 'subscribe', EventKey: 'qrscene_store-sh-001', Ticket: 'T' })).toEqual({
      kind: 'FOLLOW',
      openId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      storeId: 'store-sh-001',
      occurredAt: '2024-03-01T02:00:00.000Z',
      messageId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o|1709258400|subscribe',
    });
    expect(push({ ...base, Event: 'subscribe', EventKey: '' })).not.toHaveProperty('storeId');
    expect(push({ ...base, Event: 'SCAN', EventKey: 'store-bj-001' })).toMatchObject({
      kind: 'SCAN',
      storeId: 'store-bj-001',
    });
    const un = push({ ...base, Event: 'unsubscribe', EventKey: '' });
    expect(un).toMatchObject({ kind: 'UNFOLLOW' });
    expect(un).not.toHaveProperty('storeId');
  });

  it('says clearly what it cannot map', () => {
    expect(() => push({ ...base, MsgType: 'text', Content: 'hi' })).toThrow(
      /not an event message \(MsgType "text"\)/,
    );
    expect(() => push({ ...base, Event: 'CLICK', EventKey: 'menu' })).toThrow(/unsupported event "CLICK"/);
    expect(() => push({ ...base, Event: 'SCAN', EventKey: '' })).toThrow(/SCAN without a scene/);
    expect(() => push({ ...base, FromUserName: ' ', Event: 'subscribe' })).toThrow(/openid/);
    expect(() => unixToIso('2024-03-01')).toThrow(/unix seconds/);
  });

  it('maps back exactly what the simulator was given', () => {
    const events = sampleWechatEvents(200, 9);
    const sim = createWechatMpSimulator(events);
    expect(events.map((_, i) => mapWechatEvent(parseWechatXml(sim.xml(i))))).toEqual(events);
    expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['FOLLOW', 'SCAN', 'UNFOLLOW']));
  });

  it('the simulator refuses events WeChat cannot send, and wrong message ids', () => {
    const [e] = sampleWechatEvents(1, 2);
    expect(() => createWechatMpSimulator([{ ...e, kind: 'UNFOLLOW', storeId: 's' }])).toThrow(/no scene/);
    expect(() => createWechatMpSimulator([{ ...e, kind: 'SCAN', storeId: undefined }])).toThrow(/scene/);
    expect(() => createWechatMpSimulator([{ ...e, occurredAt: '2024-03-01T00:00:00.500Z' }])).toThrow(
      /whole seconds/,
    );
    expect(() => createWechatMpSimulator([{ ...e, messageId: 'mine' }])).toThrow(/message id/);
    const { messageId: _, ...noId } = e;
    expect(createWechatMpSimulator([noId]).events).toEqual([e]);
  });
});

describe('wechat-mp signatures and secure mode', () => {
  it('signs the sorted concatenation of token, timestamp and nonce', () => {
    // sha1("1409304348" + "spamtest" + "xxxxxx"): the parts sorted, not in argument order
    expect(wechatSignature('spamtest', '1409304348', 'xxxxxx')).toBe(
      wechatSignature('xxxxxx', 'spamtest', '1409304348'),
    );
    expect(wechatSignature('spamtest', '1409304348', 'xxxxxx')).toBe(
      '09df6e85d1e6515e0c8aa92c1c69858c632c82bb',
    );
  });

  it('encrypts and decrypts (random + length + message + AppID, 32-byte PKCS#7), and refuses another key', () => {
    const key = sampleEncodingAesKey(3);
    for (const xml of ['<xml><A>中文</A></xml>', 'x'.repeat(8), 'y'.repeat(40)]) {
      const enc = wechatEncrypt(key, 'wx5f3a9c0d2e7b4a61', xml, Buffer.alloc(16, 7));
      expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
      expect(wechatDecrypt(key, enc)).toEqual({ xml, appId: 'wx5f3a9c0d2e7b4a61' });
    }
    const enc = wechatEncrypt(key, 'wx5f3a9c0d2e7b4a61', '<xml/>', Buffer.alloc(16, 1));
    expect(() => wechatDecrypt(sampleEncodingAesKey(4), enc)).toThrow();
  });
});
