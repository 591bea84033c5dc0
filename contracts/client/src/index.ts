export * from './generated/graphql.js';
export * from './request.js';
export { CHANNELS, operationId } from './codegen.js';
