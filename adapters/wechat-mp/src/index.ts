export { WechatMpAdapter, createWechatMpAdapter, type WechatMpOptions } from './client.js';
export {
  WechatMpSimulator,
  createWechatMpSimulator,
  type WechatEventInput,
  type WechatMpSimulatorOptions,
  type WechatTemplateRecord,
} from './simulator/wechat-simulator.js';
export {
  DEMO_WECHAT_TEMPLATES,
  WechatTemplateSender,
  type WechatTemplateOptions,
} from './template-sender.js';
export { sampleEncodingAesKey, sampleWechatEvents } from './simulator/sample-events.js';
export { mapWechatEvent, unixToIso, wechatMessageId } from './mapping.js';
export { parseWechatXml, toWechatXml } from './xml.js';
export { wechatDecrypt, wechatEncrypt, wechatSignature } from './crypto.js';
export { withWechatTemplatesFromEnv } from './env.js';
