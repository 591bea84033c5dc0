export * from './load.js';
export * from './processes.js';
