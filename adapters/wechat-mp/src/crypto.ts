import { createCipheriv, createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** WeChat's signature: SHA-1 hex of the parts (token, timestamp, nonce[, Encrypt]) sorted and joined. */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''), 'utf8')
    .digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** EncodingAESKey (43 characters) → the 32-byte AES key; the IV is its first 16 bytes. */
function aesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 base64 characters');
  return key;
}

/**
 * Secure mode (安全模式) encryption: AES-256-CBC of random(16) + length(4, big-endian) + message +
 * appId, PKCS#7-padded to 32 bytes, base64.
 */
export function wechatEncrypt(encodingAesKey: string, appId: string, xml: string, random16: Buffer): string {
  const key = aesKey(encodingAesKey);
  const msg = Buffer.from(xml, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = Buffer.concat([random16.subarray(0, 16), len, msg, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

/** The inverse; throws on anything that is not a well-formed encrypted message. */
export function wechatDecrypt(encodingAesKey: string, encrypted: string): { xml: string; appId: string } {
  const key = aesKey(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = plain.at(-1) ?? 0;
  if (pad < 1 || pad > 32 || plain.length < 20 + pad) throw new Error('bad padding');
  const content = plain.subarray(16, plain.length - pad);
  const len = content.readUInt32BE(0);
  if (4 + len > content.length) throw new Error('bad length');
  return {
    xml: content.subarray(4, 4 + len).toString('utf8'),
    appId: content.subarray(4 + len).toString('utf8'),
  };
}
