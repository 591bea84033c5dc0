import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Handler } from '@zhongtai/subgraph-kit';

/** the page's sources (`src/web`), from `dist/serve.js` and from `src/serve.ts` alike */
const WEB = fileURLToPath(new URL('../src/web/', import.meta.url));
const require = createRequire(import.meta.url);
export const BASE = '/store-terminal';

/** everything the page may load comes from the gateway itself; no inline script, no third party */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function installed(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** newest modification time of the page's sources: an edit is bundled again at the next load */
const sourcesVersion = (): number =>
  Math.max(...readdirSync(WEB).map((name) => statSync(`${WEB}${name}`).mtimeMs));

/** the page's script, bundled by esbuild from `src/web` (Preact, the generated client) */
export async function bundleStoreTerminal(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [`${WEB}main.tsx`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * The store terminal's routes on the gateway (`/store-terminal`), in development only: the page is
 * bundled on demand with esbuild, a dev dependency, so a production image (no dev dependencies) has no
 * such routes. None either when the sources are not there.
 */
export function storeTerminalRoutes(): Record<string, Handler> {
  if (!installed('esbuild') || !installed('preact') || !existsSync(`${WEB}main.tsx`)) return {};
  let cached: { version: number; script: Promise<string> } | undefined;
  const script = () => {
    const version = sourcesVersion();
    if (cached?.version !== version) {
      const built = { version, script: bundleStoreTerminal() };
      // a failed bundle is not kept: the next load tries again
      built.script.catch(() => {
        if (cached === built) cached = undefined;
      });
      cached = built;
    }
    return cached.script;
  };
  const send =
    (type: string, body: () => Promise<string> | string, cache = 'no-cache'): Handler =>
    async (_req, res) => {
      res
        .writeHead(200, {
          'content-type': `${type}; charset=utf-8`,
          'cache-control': cache,
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        })
        .end(await body());
    };
  const page = send('text/html', () => readFileSync(`${WEB}index.html`, 'utf8'), 'no-store');
  return {
    [BASE]: page,
    [`${BASE}/`]: page,
    [`${BASE}/app.js`]: send('text/javascript', script),
    [`${BASE}/style.css`]: send('text/css', () => readFileSync(`${WEB}style.css`, 'utf8')),
  };
}
