import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { devIdeRoutes } from './dev-ide.js';
import { type TinyGateway, startTinyGateway } from './testing/tiny-graph.js';

/** GraphiQL served by the gateway itself in development, its scripts from the gateway (no CDN). */
let gw: TinyGateway;
beforeAll(async () => {
  gw = await startTinyGateway({ routes: devIdeRoutes() });
});
afterAll(() => gw.close());

it('serves the IDE page and every script and style it loads', async () => {
  const base = gw.url.replace(/\/graphql$/, '');
  const page = await fetch(`${base}/graphiql`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('GraphiQL.createFetcher');
  expect(html).toContain('npm run token');
  const assets = [...html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.sort()).toEqual([
    '/graphiql/graphiql.css',
    '/graphiql/graphiql.js',
    '/graphiql/react-dom.js',
    '/graphiql/react.js',
  ]);
  for (const a of assets) {
    const r = await fetch(`${base}${a}`);
    expect({ a, status: r.status }).toEqual({ a, status: 200 });
    expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }
  // the IDE's introspection goes through the gateway as any request does (development allows it)
  expect(html).toContain("url: '/graphql'");
});

it('is not there without its routes (the production gateway offers none)', async () => {
  const plain = await startTinyGateway();
  try {
    expect((await fetch(`${plain.url.replace(/\/graphql$/, '')}/graphiql`)).status).toBe(404);
  } finally {
    await plain.close();
  }
});
