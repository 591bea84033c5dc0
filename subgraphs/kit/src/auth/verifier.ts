import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { ClaimsSchema, type Claims, DomainError, ErrorCode } from '@zhongtai/contracts';

export interface VerifierOptions {
  /** HS256 shared secret */
  secret?: string;
  /** verify RS256/ES256 tokens from an identity provider instead */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** verified tokens are remembered (until they expire) so that hot tokens are not re-verified */
  cacheSize?: number;
}

export type TokenVerifier = (authorization: string | undefined | null) => Promise<Claims>;

/**
 * Returns a function that turns an `Authorization` header into verified claims or throws
 * UNAUTHENTICATED. Both the gateway and the subgraphs use it: a subgraph trusts nothing it has
 * not verified itself, so calling one directly needs the same token as calling the gateway.
 */
export function createTokenVerifier(opts: VerifierOptions): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (opts.jwksUrl) {
    key = createRemoteJWKSet(new URL(opts.jwksUrl));
    algorithms = ['RS256', 'ES256'];
  } else if (opts.secret) {
    key = new TextEncoder().encode(opts.secret);
    algorithms = ['HS256'];
  } else {
    throw new Error('createTokenVerifier needs a secret or a jwksUrl');
  }
  const cache = new LRUCache<string, { claims: Claims; exp: number }>({ max: opts.cacheSize ?? 10_000 });

  return async (authorization) => {
    if (!authorization) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A bearer token is required');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <token>"');
    const token = match[1];
    const nowSec = Date.now() / 1000;
    const hit = cache.get(token);
    if (hit && hit.exp > nowSec) return hit.claims;

    let payload: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer: opts.issuer,
        audience: opts.audience,
        requiredClaims: ['exp'],
      });
      payload = verified.payload;
    } catch {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Invalid or expired token');
    }
    const parsed = ClaimsSchema.safeParse(payload);
    if (!parsed.success) {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        `Token claims are invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
    }
    cache.set(token, { claims: parsed.data, exp: Number(payload.exp) });
    return parsed.data;
  };
}
