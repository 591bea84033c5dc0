export * from './generated/graphql.js';
export { CHANNELS, operationId } from './codegen.js';
