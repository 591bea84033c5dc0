export * from './gateway-server.js';
export * from './context.js';
export * from './limits.js';
export * from './datasources/undici-data-source.js';
export * from './datasources/in-process-data-source.js';
export * from './config.js';
export * from './dev-ide.js';
