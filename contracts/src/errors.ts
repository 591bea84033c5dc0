/** Error codes every API error carries in `extensions.code` (RUNTIME.md). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INSUFFICIENT_POINTS: 'INSUFFICIENT_POINTS',
  CONFLICT: 'CONFLICT',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const codes = new Set<string>(Object.values(ErrorCode));
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && codes.has(value);
}

/**
 * The one error type domain code throws. The subgraph kit maps it to a GraphQL error whose
 * `extensions.code` is `code`; `details` go to `extensions` too, so keep them free of internals.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string) => new DomainError(ErrorCode.NOT_FOUND, message);
export const forbidden = (message = 'Not allowed for this caller') =>
  new DomainError(ErrorCode.FORBIDDEN, message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.CONFLICT, message, details);
export const unauthenticated = (message = 'A valid bearer token is required') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);
