export * from './config.js';
export * from './legacy-adapters.js';
export * from './sync.js';
export * from './webhooks.js';
