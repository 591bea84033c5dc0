import { parseArgs } from 'node:util';
import { ClaimsSchema, ROLES } from '@zhongtai/contracts';
import { ConfigError, signToken } from '@zhongtai/subgraph-kit';
import { loadConfig } from './config.js';

/** `npm run token -- --role HQ [--tenant demo] [--store id] [--region r] [--member id] [--sub id] [--ttl seconds]` (`--sub`: who the caller is, e.g. a clerk's id) */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'HQ' },
      tenant: { type: 'string', default: 'demo' },
      store: { type: 'string' },
      region: { type: 'string' },
      member: { type: 'string' },
      channel: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: String(12 * 3600) },
    },
  });
  const claims = ClaimsSchema.safeParse({
    tenant: values.tenant,
    role: values.role?.toUpperCase(),
    storeId: values.store,
    region: values.region,
    memberId: values.member,
    channel: values.channel,
    sub: values.sub,
  });
  if (!claims.success) {
    console.error(
      `Invalid claims (roles: ${ROLES.join(', ')}):\n${claims.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.jwt.secret)
    throw new ConfigError('token', [
      'JWT_SECRET is needed to mint tokens (JWT_JWKS_URL tokens come from your identity provider)',
    ]);
  console.log(
    await signToken(claims.data, config.jwt.secret, Number(values.ttl), {
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
    }),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
