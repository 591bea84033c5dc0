export * from './platform.js';
export * from './config.js';
export * from './seed/demo.js';
export * from './seed/catalog.js';
export * from './command-count.js';
export * from './services/entries.js';
