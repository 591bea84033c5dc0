export {
  OmsMallAdapter,
  createOmsMallAdapter,
  encodeCursor,
  decodeCursor,
  type OmsMallOptions,
} from './client.js';
export {
  createOmsMallSimulator,
  OmsMallSimulator,
  type OmsMallSimulatorOptions,
  type OmsFeedItem,
} from './simulator/oms-simulator.js';
export { sampleOmsFeed } from './simulator/sample-data.js';
export * from './mapping.js';
export * from './legacy.js';
export { topSign } from './top-sign.js';
