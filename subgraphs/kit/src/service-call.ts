import { DomainError, ErrorCode } from '@zhongtai/contracts';
import { GATEWAY_AUDIENCE, InternalTokens, SERVICE_ISSUER, serviceClaims } from './auth/internal-token.js';
import type { ServiceCall, ServiceCallOptions } from './subgraph.js';
import { withClientSpan } from './tracing.js';

/** The callee's answers a caller may act on (everything else: the call did not get through). */
const ANSWERED = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.INSUFFICIENT_POINTS,
  // the platform asks the caller to slow down (an import's consumers are behind: ImportGate)
  ErrorCode.RATE_LIMITED,
]);

/**
 * A `ServiceCall` over HTTP to the gateway as the SYSTEM service `service`, with short-lived
 * service tokens signed with the internal key (they work whether users' tokens are verified with
 * a secret or a JWKS). `url` is a function so that the all-in-one process can wire it before the
 * gateway listens.
 */
export function httpServiceCall(opts: {
  url: () => string;
  /** the internal token key (INTERNAL_TOKEN_SECRET) */
  secret: string;
  /** who is calling, e.g. `orders` or `adapter:pos-legacy` (the token's subject) */
  service: string;
  timeoutMs?: number;
}): ServiceCall {
  const tokens = new InternalTokens(opts.secret, SERVICE_ISSUER, 600);
  return async <T>(
    tenant: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: ServiceCallOptions,
  ): Promise<T> => {
    const token = await tokens.sign(serviceClaims(tenant, opts.service, options?.actor), GATEWAY_AUDIENCE);
    let res: Response;
    try {
      // the call continues the caller's trace (the gateway and the subgraph it reaches join it)
      res = await withClientSpan(`service call ${opts.service}`, { 'zt.service': opts.service }, (trace) =>
        fetch(opts.url(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...trace },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(options?.timeoutMs ?? opts.timeoutMs ?? 3000),
        }),
      );
    } catch (error) {
      throw new DomainError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        `service call failed: ${(error as Error).message}`,
      );
    }
    const body = (await res.json().catch(() => ({}))) as {
      data?: T;
      errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
    };
    if (body.errors?.length) {
      const e = body.errors[0];
      const { code, ...details } = e.extensions ?? {};
      const answered = !!code && ANSWERED.has(code);
      throw new DomainError(
        answered ? (code as ErrorCode) : ErrorCode.UPSTREAM_UNAVAILABLE,
        e.message,
        // what the answer says beyond its code (a field, a retry hint), as the error carried it
        answered && Object.keys(details).length ? details : undefined,
      );
    }
    if (!res.ok || !body.data)
      throw new DomainError(ErrorCode.UPSTREAM_UNAVAILABLE, `service call answered ${res.status}`);
    return body.data;
  };
}
