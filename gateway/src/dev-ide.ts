import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Handler } from '@zhongtai/subgraph-kit';

/**
 * GraphiQL in development only (`/graphiql` on the gateway): the IDE's UMD build and React's, served from
 * the gateway's own dev dependencies (no CDN: these machines reach none, and an IDE that needs the
 * internet is no use in a store's back office either). Absent in production — the image installs no dev
 * dependency, and the gateway does not offer the routes there.
 */
const require = createRequire(import.meta.url);
/** file of a package (found through its package.json: React's `exports` do not list its UMD builds) */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

function resolved(pkg: string, file: string): string | undefined {
  try {
    const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Zhongtai GraphQL (development)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>html, body, #ide { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="ide"></div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script>
  // a token from \`npm run token -- --role HQ\` goes into the Headers tab: {"authorization": "Bearer …"}
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('ide')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultHeaders: '{\\n  "authorization": "Bearer <npm run token -- --role HQ>"\\n}',
      defaultQuery: '# The member lookup (README): paste a token in Headers first\\n{\\n  memberByPhone(phone: "13910007919") {\\n    displayName\\n    points { balance }\\n  }\\n}\\n',
      headerEditorEnabled: true,
      shouldPersistHeaders: true,
    }),
  );
</script>
</body>
</html>`;

/** The IDE's routes, or none when its dev dependencies are not installed (a production image). */
export function devIdeRoutes(): Record<string, Handler> {
  const files = Object.entries(ASSETS).map(([name, a]) => [name, resolved(a.pkg, a.file), a.type] as const);
  if (files.some(([, path]) => !path)) return {};
  const routes: Record<string, Handler> = {
    '/graphiql': async (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(PAGE);
    },
  };
  for (const [name, path, type] of files) {
    const body = readFileSync(path!);
    routes[`/graphiql/${name}`] = async (_req, res) => {
      res
        .writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'max-age=3600' })
        .end(body);
    };
  }
  return routes;
}
