import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import pMap from 'p-map';
import { type DeployableName, RUN_ENTRY, SERVICE_ENTRIES } from './entries.js';
import { SUBGRAPH_NAMES } from './ports.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** runs `node embedded/dist/services/run.js <args>` with only `env` (and PATH): exit code and output */
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    execFile(
      process.execPath,
      [RUN_ENTRY, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, out: stdout + stderr }),
    );
  });
}

/** what each production deployable must be told before it starts (besides the secrets) */
const NEEDS: Partial<Record<DeployableName, RegExp[]>> = {
  gateway: [/JWT_SECRET/, /INTERNAL_TOKEN_SECRET/],
  'adapters-sync': [/TENANT/, /GATEWAY_URL/, /MONGODB_URI/],
  'adapters-webhooks': [/TENANT/, /GATEWAY_URL/, /MONGODB_URI/],
};
for (const s of SUBGRAPH_NAMES) NEEDS[s] = [/MONGODB_URI/, /INTERNAL_TOKEN_SECRET/, /REDIS_URL/];

describe('the image’s deployables (node embedded/dist/services/run.js <name>)', () => {
  it('refuse a production start without their secrets and addresses, naming each, with exit 78', async () => {
    const results = await pMap(
      Object.keys(NEEDS) as DeployableName[],
      async (name) => ({ name, ...(await run([name], { NODE_ENV: 'production' })) }),
      { concurrency: 2 },
    );
    for (const { name, code, out } of results) {
      expect({ name, code }).toEqual({ name, code: 78 });
      for (const need of NEEDS[name]!)
        expect({ name, out }).toEqual({ name, out: expect.stringMatching(need) });
    }
  }, 120_000);

  it('refuses a name that is not a deployable, listing those that are', async () => {
    const { code, out } = await run(['loyalty'], {});
    expect(code).toBe(64);
    for (const name of Object.keys(SERVICE_ENTRIES)) expect(out).toContain(name);
  });
});
