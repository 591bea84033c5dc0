import { createHash } from 'node:crypto';
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
 * UNAUTHENTICATED. The gateway verifies users' tokens with it, subgraphs the gateway's internal
 * tokens (`internal-token.ts`). A token without `sub` gets a digest of itself as its subject, so
 * limits "per staff token" have a key.
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
    const claims = parsed.data.sub
      ? parsed.data
      : { ...parsed.data, sub: `token:${createHash('sha256').update(token).digest('hex').slice(0, 16)}` };
    cache.set(token, { claims, exp: Number(payload.exp) });
    return claims;
  };
}
