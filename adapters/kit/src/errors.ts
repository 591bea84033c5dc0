import { DomainError, ErrorCode } from '@zhongtai/contracts';

/** A failed call to a legacy system; `retryable` says whether trying again may help. */
export class AdapterError extends Error {
  constructor(
    readonly adapter: string,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(`${adapter}: ${message}`);
    this.name = 'AdapterError';
  }

  /** As the platform reports it: the legacy system did not answer (RUNTIME.md UPSTREAM_UNAVAILABLE). */
  toDomain(): DomainError {
    return new DomainError(
      this.retryable ? ErrorCode.UPSTREAM_UNAVAILABLE : ErrorCode.BAD_USER_INPUT,
      this.message,
    );
  }
}
