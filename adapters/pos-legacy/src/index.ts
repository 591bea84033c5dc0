export { PosLegacyAdapter, PosLegacyOptionsSchema, createPosLegacyAdapter } from './client.js';
export type { PosLegacyOptions } from './client.js';
export { POS_CURRENCY, POS_SOURCE, cardNumber, mapSaleRow, storeIdOf } from './mapping.js';
export type { PosMappingOptions } from './mapping.js';
export {
  POS_IDENTIFIER,
  fenToYuan,
  fromLegacyTime,
  parseQuantity,
  toLegacyTime,
  yuanToFen,
} from './legacy-format.js';
export { DOC_TYPES } from './legacy.js';
export type { PosLine, PosRow } from './legacy.js';
export { PosSimulator, createPosSimulator } from './simulator/pos-simulator.js';
export type { PosFeedRecord, PosSimulatorOptions } from './simulator/pos-simulator.js';
export { samplePosFeed } from './simulator/sample-data.js';
