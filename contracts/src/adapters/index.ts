export * from './adapter.js';
export * from './normalised.js';
export * from './ports.js';
