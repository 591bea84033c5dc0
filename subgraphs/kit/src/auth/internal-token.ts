import { SignJWT, decodeJwt } from 'jose';
import { LRUCache } from 'lru-cache';
import { type Actor, type Claims, ClaimsSchema, unauthenticated } from '@zhongtai/contracts';
import { type TokenVerifier, type VerifierOptions, createTokenVerifier } from './verifier.js';

/**
 * Two kinds of internal tokens, both HS256 with the platform's internal key (never the users'
 * key, so no user token can pass for one):
 * - gateway → subgraph: the caller the gateway verified, `iss` = GATEWAY_ISSUER, `aud` = the
 *   subgraph's name. Subgraphs accept nothing else, so a token sent straight to a subgraph's port
 *   is refused whatever it claims.
 * - service → gateway: a subgraph, adapter or import acting as SYSTEM, `iss` = SERVICE_ISSUER,
 *   `aud` = GATEWAY_AUDIENCE. It works whether users are verified with JWT_SECRET or a JWKS.
 */
export const GATEWAY_ISSUER = 'zhongtai-gateway';
export const SERVICE_ISSUER = 'zhongtai-service';
export const GATEWAY_AUDIENCE = 'zhongtai-gateway';

/** Mints internal tokens, remembering each until half of its life has passed. */
export class InternalTokens {
  private readonly minted = new LRUCache<string, { token: string; renewAt: number }>({ max: 20_000 });

  constructor(
    private readonly secret: string,
    private readonly issuer: string,
    private readonly ttlSeconds = 300,
  ) {
    if (!secret) throw new Error('internal tokens need a secret');
  }

  async sign(claims: Claims, audience: string): Promise<string> {
    const key = `${audience}\u0000${claimsKey(claims)}`;
    const hit = this.minted.get(key);
    if (hit && hit.renewAt > Date.now()) return hit.token;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(new TextEncoder().encode(this.secret));
    this.minted.set(key, { token, renewAt: Date.now() + (this.ttlSeconds * 1000) / 2 });
    return token;
  }
}

function claimsKey(c: Claims): string {
  const a = c.actor;
  return [
    c.tenant,
    c.role,
    c.memberId,
    c.storeId,
    c.region,
    c.channel,
    c.sub,
    a?.role,
    a?.sub,
    a?.storeId,
    a?.region,
  ].join('\u0001');
}

/** What a subgraph accepts: internal tokens the gateway minted for it, and nothing else. */
export function createSubgraphVerifier(subgraph: string, internalSecret: string): TokenVerifier {
  return createTokenVerifier({ secret: internalSecret, issuer: GATEWAY_ISSUER, audience: subgraph });
}

/**
 * What the gateway accepts: users' tokens (JWT_SECRET or JWKS, with JWT_ISSUER/JWT_AUDIENCE
 * checked) and service tokens signed with the internal key.
 */
export function createGatewayVerifier(opts: {
  users: VerifierOptions;
  internalSecret: string;
}): TokenVerifier {
  const users = createTokenVerifier(opts.users);
  const services = createTokenVerifier({
    secret: opts.internalSecret,
    issuer: SERVICE_ISSUER,
    audience: GATEWAY_AUDIENCE,
  });
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    let issuer: string | undefined;
    try {
      issuer = token ? decodeJwt(token).iss : undefined;
    } catch {
      throw unauthenticated('Invalid or expired token');
    }
    return issuer === SERVICE_ISSUER ? services(authorization) : users(authorization);
  };
}

/** A service's own SYSTEM claims, optionally acting for a person. */
export function serviceClaims(tenant: string, service: string, actor?: Actor): Claims {
  return ClaimsSchema.parse({ tenant, role: 'SYSTEM', sub: `service:${service}`, actor });
}
