import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode, isErrorCode } from '@zhongtai/contracts';
import { currentStats } from './context.js';
import type { Logger } from './logging.js';

/** Apollo/graphql-js codes that mean "the request itself is malformed". */
const INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
]);

function domainErrorOf(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current =
      (current as { originalError?: unknown; cause?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A type-graphql argument validation error (class-validator or our own input checks). */
function isArgumentValidation(error: unknown): boolean {
  const original = (error as { originalError?: { name?: string } })?.originalError;
  return original?.name === 'ArgumentValidationError';
}

/**
 * Maps any error to a formatted GraphQL error whose `extensions.code` is one of RUNTIME.md's
 * codes. Unexpected errors are logged with the request id and surface without details.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger?: Logger,
  requestId = currentStats()?.requestId,
): GraphQLFormattedError {
  const domain = domainErrorOf(error);
  if (domain) {
    return {
      message: domain.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { ...(domain.details ?? {}), code: domain.code },
    };
  }
  const code = formatted.extensions?.code;
  if (isErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  if ((typeof code === 'string' && INPUT_CODES.has(code)) || isArgumentValidation(error)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (error instanceof GraphQLError && !error.originalError && !error.path) {
    // a graphql-js validation or coercion error raised before execution
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  if (isCoercionError(formatted.message)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  logger?.error(
    { err: (error as GraphQLError)?.originalError ?? error, requestId, path: formatted.path },
    'unexpected error',
  );
  return {
    message: `Internal server error (request ${requestId ?? 'unknown'})`,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

function isCoercionError(message: string): boolean {
  return /^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/.test(message);
}
