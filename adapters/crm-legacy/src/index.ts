export { CrmLegacyAdapter, CrmLegacyOptionsSchema, createCrmLegacyAdapter } from './client.js';
export type { CrmLegacyOptions } from './client.js';
export {
  CRM_SOURCE,
  REGISTRATION_CHANNELS,
  channelOf,
  mapBalance,
  mapMember,
  memberNumber,
  storeIdOf,
} from './mapping.js';
export type { CrmMappingOptions } from './mapping.js';
export {
  CRM_IDENTIFIER,
  fromLegacyTime,
  normaliseMobile,
  parsePoints,
  toLegacyTime,
} from './legacy-format.js';
export { CRM_CODES } from './legacy.js';
export type { CrmBalanceRow, CrmMemberRow } from './legacy.js';
export { createCrmSimulator } from './simulator/crm-simulator.js';
export type { CrmSimulatorData, CrmSimulatorOptions } from './simulator/crm-simulator.js';
export { sampleCrmData } from './simulator/sample-data.js';
