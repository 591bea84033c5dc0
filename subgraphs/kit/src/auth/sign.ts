import { SignJWT } from 'jose';
import { ClaimsSchema, type Claims } from '@zhongtai/contracts';

/**
 * Mints an HS256 user token (development tokens, tests), with the issuer and audience the platform
 * checks when `JWT_ISSUER` / `JWT_AUDIENCE` are set.
 */
export async function signToken(
  claims: Claims,
  secret: string,
  ttlSeconds = 12 * 3600,
  opts: { issuer?: string; audience?: string } = {},
): Promise<string> {
  const valid = ClaimsSchema.parse(claims);
  let jwt = new SignJWT({ ...valid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
