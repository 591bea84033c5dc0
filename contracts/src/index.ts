export * from './errors.js';
export * from './channels.js';
export * from './auth.js';
export * from './events/index.js';
export * from './adapters/index.js';
export * from './supergraph.js';
export * from './messaging.js';
export * from './month-day.js';
