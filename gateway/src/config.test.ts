import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@zhongtai/subgraph-kit';
import { loadGatewayConfig, loadGatewayProtection } from './config.js';
import { sha256Hex } from './operations.js';

const manifestFile = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'zt-gw-config-')), 'operations.json');
  writeFileSync(file, JSON.stringify({ [sha256Hex('{ hello }')]: '{ hello }' }));
  return file;
};
const problems = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('gateway protection settings', () => {
  it('defaults: every limit on, introspection on, any operation', () => {
    const p = loadGatewayProtection({});
    expect(p.limits).toEqual({
      maxDepth: 12,
      maxFields: 500,
      maxAliases: 15,
      maxIntrospectionDepth: 20,
      maxQueryBytes: 65_536,
      maxBodyBytes: 256_000,
    });
    expect(p.caches).toEqual({ documentBytes: 64 * 2 ** 20, planMiB: 30, apqBytes: 8 * 2 ** 20 });
    expect(p.rateLimits).toEqual({
      windowSeconds: 60,
      perAddress: 60_000,
      authFailuresPerAddress: 100,
      perRole: { MEMBER: 600, CLERK: 3_000, STORE_MANAGER: 3_000, HQ: 6_000, SYSTEM: 120_000 },
      trustProxy: undefined,
    });
    expect(p.operations).toEqual({ mode: 'any', manifest: undefined });
    expect(p.introspection).toBe(true);
  });

  it('reads every variable; 0 turns a rate limit off', () => {
    const p = loadGatewayProtection({
      MAX_QUERY_ALIASES: '5',
      MAX_QUERY_BYTES: '2048',
      MAX_INTROSPECTION_DEPTH: '16',
      GATEWAY_RATE_LIMIT_WINDOW: '10',
      GATEWAY_RATE_LIMIT_ADDRESS: '0',
      GATEWAY_RATE_LIMIT_HQ: '100000000',
      GATEWAY_TRUST_PROXY: '10.0.0.0/8',
      GATEWAY_APQ_CACHE_MB: '0',
      GATEWAY_DOCUMENT_CACHE_MB: '16',
      GATEWAY_PLAN_CACHE_MB: '8',
    });
    expect(p.limits).toMatchObject({ maxAliases: 5, maxQueryBytes: 2048, maxIntrospectionDepth: 16 });
    expect(p.rateLimits).toMatchObject({ windowSeconds: 10, perAddress: 0, perRole: { HQ: 100_000_000 } });
    expect(p.rateLimits.trustProxy).toBeDefined();
    expect(p.caches).toEqual({ documentBytes: 16 * 2 ** 20, planMiB: 8, apqBytes: 0 });
  });

  it('production: introspection off unless GATEWAY_INTROSPECTION=true; registered when a manifest is given', () => {
    expect(loadGatewayProtection({ NODE_ENV: 'production' })).toMatchObject({
      introspection: false,
      operations: { mode: 'any' },
    });
    expect(
      loadGatewayProtection({ NODE_ENV: 'production', GATEWAY_INTROSPECTION: 'true' }).introspection,
    ).toBe(true);
    const withManifest = loadGatewayProtection({
      NODE_ENV: 'production',
      GATEWAY_OPERATIONS_MANIFEST: manifestFile(),
    });
    expect(withManifest.operations.mode).toBe('registered');
    expect(withManifest.operations.manifest?.byHash.size).toBe(1);
    expect(
      loadGatewayProtection({
        NODE_ENV: 'production',
        GATEWAY_OPERATIONS_MANIFEST: manifestFile(),
        GATEWAY_OPERATIONS: 'any',
      }).operations.mode,
    ).toBe('any');
    // development keeps accepting any operation, manifest or not
    expect(loadGatewayProtection({ GATEWAY_OPERATIONS_MANIFEST: manifestFile() }).operations.mode).toBe(
      'any',
    );
  });

  it('refuses to start registered without a manifest, or with a bad one, naming the variable', () => {
    expect(
      problems(() => loadGatewayProtection({ NODE_ENV: 'production', GATEWAY_OPERATIONS: 'registered' })),
    ).toEqual([
      expect.stringMatching(
        /^GATEWAY_OPERATIONS: "registered" accepts only the operations of a manifest; set GATEWAY_OPERATIONS_MANIFEST/,
      ),
    ]);
    expect(
      problems(() => loadGatewayProtection({ GATEWAY_OPERATIONS_MANIFEST: '/nonexistent/ops.json' })),
    ).toEqual([
      expect.stringMatching(
        /^GATEWAY_OPERATIONS_MANIFEST: operations manifest \/nonexistent\/ops.json: ENOENT/,
      ),
    ]);
    expect(problems(() => loadGatewayProtection({ GATEWAY_TRUST_PROXY: 'my-proxy' }))[0]).toMatch(
      /^GATEWAY_TRUST_PROXY: "my-proxy" is not an address/,
    );
    expect(problems(() => loadGatewayProtection({ GATEWAY_RATE_LIMIT_MEMBER: '-1' }))[0]).toMatch(
      /^GATEWAY_RATE_LIMIT_MEMBER/,
    );
    expect(
      problems(() => loadGatewayProtection({ MAX_BODY_BYTES: '2000', MAX_QUERY_BYTES: '4000' }))[0],
    ).toMatch(/^MAX_BODY_BYTES/);
  });

  it('is part of the deployable’s configuration', () => {
    const c = loadGatewayConfig({ GATEWAY_RATE_LIMIT_MEMBER: '42', MAX_QUERY_DEPTH: '9' });
    expect(c.protection.rateLimits.perRole.MEMBER).toBe(42);
    expect(c.protection.limits.maxDepth).toBe(9);
  });
});
