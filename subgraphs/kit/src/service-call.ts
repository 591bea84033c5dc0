import { DomainError, ErrorCode } from '@zhongtai/contracts';
import { signToken } from './auth/sign.js';
import type { ServiceCall } from './subgraph.js';

/**
 * A `ServiceCall` over HTTP to the gateway, signing short-lived SYSTEM tokens with the shared
 * secret. `url` is a function so that the all-in-one process can wire it before the gateway listens.
 */
export function httpServiceCall(opts: {
  url: () => string;
  secret: string;
  timeoutMs?: number;
}): ServiceCall {
  const tokens = new Map<string, { token: string; until: number }>();
  const tokenFor = async (tenant: string) => {
    const hit = tokens.get(tenant);
    if (hit && hit.until > Date.now()) return hit.token;
    const token = await signToken({ tenant, role: 'SYSTEM', sub: 'service' }, opts.secret, 600);
    tokens.set(tenant, { token, until: Date.now() + 500_000 });
    return token;
  };
  return async <T>(tenant: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(opts.url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(tenant)}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 3000),
      });
    } catch (error) {
      throw new DomainError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        `service call failed: ${(error as Error).message}`,
      );
    }
    const body = (await res.json().catch(() => ({}))) as {
      data?: T;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (body.errors?.length) {
      const e = body.errors[0];
      const code = e.extensions?.code;
      throw new DomainError(
        code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code === 'NOT_FOUND'
          ? code
          : ErrorCode.UPSTREAM_UNAVAILABLE,
        e.message,
      );
    }
    if (!res.ok || !body.data)
      throw new DomainError(ErrorCode.UPSTREAM_UNAVAILABLE, `service call answered ${res.status}`);
    return body.data;
  };
}
