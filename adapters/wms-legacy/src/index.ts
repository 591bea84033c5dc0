export {
  WmsLegacyAdapter,
  createWmsLegacyAdapter,
  WMS_LEGACY_ID,
  WMS_STOCK_PATH,
  WMS_PING_PATH,
} from './client.js';
export {
  WMS_MAX_BATCH,
  WmsLegacyOptionsSchema,
  parseWmsLegacyOptions,
  type WmsLegacyOptions,
  type WmsLegacyConfig,
} from './options.js';
export {
  WmsStockRowSchema,
  WmsReplySchema,
  WmsMappingError,
  parseStockReply,
  mapStockRows,
  answerInOrder,
  pairKey,
  type WmsStockRow,
  type WmsReply,
} from './mapping.js';
export { wmsTimeToIso, toWmsTime, quantityToMilli, milliToQuantity, numberToMilli } from './legacy-format.js';
export {
  WmsLegacySimulator,
  createWmsLegacySimulator,
  toLotRows,
  type WmsSimulatorOptions,
} from './simulator/wms-simulator.js';
export { DEMO_WMS_LOCATIONS, demoStockLevels } from './simulator/demo-data.js';
