export * from './rows.js';
export * from './checkpoints.js';
export * from './importer.js';
export * from './kinds.js';
export * from './progress.js';
