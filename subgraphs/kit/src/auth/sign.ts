import { SignJWT } from 'jose';
import { ClaimsSchema, type Claims } from '@zhongtai/contracts';

/** Mints an HS256 token (development tokens, tests, and service-to-service calls of adapters). */
export async function signToken(claims: Claims, secret: string, ttlSeconds = 12 * 3600): Promise<string> {
  const valid = ClaimsSchema.parse(claims);
  return new SignJWT({ ...valid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
