import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pMap from 'p-map';
import { RUN_ENTRY, SERVICE_ENTRIES } from './entries.js';

/**
 * The container image without Docker (no engine on these machines): the Dockerfile's runtime stage
 * done by hand in a temporary folder — the workspaces' manifests, `npm ci --omit=dev
 * --ignore-scripts` (from npm's cache where it can), the patches, the compiled output — and every
 * deployable started from it. Each must get as far as reading its environment (exit 78 on a
 * production start without secrets): a module missing from the production dependencies fails
 * before that, with another exit code.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

function walk(
  dir: string,
  keep: (path: string, isDir: boolean) => 'take' | 'skip' | 'descend',
  out: string[] = [],
) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const isDir = statSync(path).isDirectory();
    const what = keep(path, isDir);
    if (what === 'take') out.push(path);
    else if (what === 'descend' && isDir) walk(path, keep, out);
  }
  return out;
}

describe('the Dockerfile', () => {
  it('builds in two stages and runs non-root, production dependencies only, with the run entry point', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toContain(`ENTRYPOINT ["node", "${RUN_ENTRY}"]`);
  });
});

(process.env.ZHONGTAI_SKIP_IMAGE_TEST ? describe.skip : describe)(
  'the image’s runtime stage, by hand',
  () => {
    let app: string;
    beforeAll(async () => {
      app = mkdtempSync(join(tmpdir(), 'zt-image-'));
      const skip = (p: string) => /node_modules|\/\.git|\/helm\b|\/\.data|\/data\b/.test(p);
      // COPY package.json package-lock.json patches, the workspaces' manifests
      for (const f of ['package.json', 'package-lock.json']) cpSync(join(ROOT, f), join(app, f));
      cpSync(join(ROOT, 'patches'), join(app, 'patches'), { recursive: true });
      const manifests = walk(ROOT, (p, dir) =>
        skip(p)
          ? 'skip'
          : dir
            ? 'descend'
            : p.endsWith('/package.json') && p !== join(ROOT, 'package.json')
              ? 'take'
              : 'skip',
      );
      for (const m of manifests) {
        mkdirSync(dirname(join(app, relative(ROOT, m))), { recursive: true });
        cpSync(m, join(app, relative(ROOT, m)));
      }
      // RUN npm ci --omit=dev --ignore-scripts && patch-package
      await run(
        'npm',
        ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
        {
          cwd: app,
          maxBuffer: 16 << 20,
        },
      );
      await run(process.execPath, [join(ROOT, 'node_modules', 'patch-package', 'index.js')], { cwd: app });
      // COPY the compiled output and the supergraph
      const dists = walk(ROOT, (p, dir) =>
        skip(p) || !dir ? 'skip' : p.endsWith('/dist') ? 'take' : 'descend',
      );
      for (const d of dists) cpSync(d, join(app, relative(ROOT, d)), { recursive: true });
      cpSync(join(ROOT, 'contracts', 'supergraph'), join(app, 'contracts', 'supergraph'), {
        recursive: true,
      });
    }, 600_000);
    afterAll(() => {
      if (app) rmSync(app, { recursive: true, force: true });
    });

    it('has no dev dependency (no TypeScript, no jest)', () => {
      expect(() => statSync(join(app, 'node_modules', 'typescript'))).toThrow();
      expect(() => statSync(join(app, 'node_modules', 'jest'))).toThrow();
    });

    it('starts every deployable as far as its configuration', async () => {
      const names = Object.keys(SERVICE_ENTRIES).filter(
        (n) => n !== 'all' && n !== 'store' && n !== 'legacy',
      );
      const results = await pMap(
        names,
        async (name) => {
          try {
            await run(process.execPath, [RUN_ENTRY, name], {
              cwd: app,
              env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
              timeout: 60_000,
            });
            return { name, code: 0, out: '' };
          } catch (error) {
            const e = error as { code?: number; stderr?: string };
            return { name, code: e.code, out: (e.stderr ?? '').slice(0, 400) };
          }
        },
        { concurrency: 2 },
      );
      for (const r of results) expect({ name: r.name, code: r.code }).toEqual({ name: r.name, code: 78 });
    }, 300_000);
  },
);
