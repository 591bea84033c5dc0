export * from './compose.js';
export * from './contract-gap.js';
export * from './subgraphs.js';
export * from './artifacts.js';
