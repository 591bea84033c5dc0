export { WechatMpAdapter, createWechatMpAdapter, type WechatMpOptions } from './client.js';
export {
  WechatMpSimulator,
  createWechatMpSimulator,
  type WechatEventInput,
  type WechatMpSimulatorOptions,
} from './simulator/wechat-simulator.js';
export { sampleEncodingAesKey, sampleWechatEvents } from './simulator/sample-events.js';
export { mapWechatEvent, unixToIso, wechatMessageId } from './mapping.js';
export { parseWechatXml, toWechatXml } from './xml.js';
export { wechatDecrypt, wechatEncrypt, wechatSignature } from './crypto.js';
