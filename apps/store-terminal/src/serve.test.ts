import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { storeTerminalRoutes } from './serve.js';

let server: Server;
let base = '';
beforeAll(async () => {
  const routes = storeTerminalRoutes();
  server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]];
    if (route) void route(req, res, 'test');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the store terminal’s routes (development)', () => {
  it('serve the page with a policy that loads nothing from elsewhere and runs no inline script', async () => {
    for (const path of ['/store-terminal', '/store-terminal/']) {
      const res = await fetch(base + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('src="/store-terminal/app.js"');
      expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    }
  });

  it('bundle the page for the browser: Preact and the generated client, no Node module, the channel’s operations', async () => {
    const res = await fetch(`${base}/store-terminal/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const js = await res.text();
    expect(js).not.toMatch(/\bnode:|require\(/);
    for (const op of [
      'StoreTerminalMemberByPhone',
      'StoreTerminalRedeemPoints',
      'StoreTerminalRespondToTicket',
    ])
      expect(js).toContain(op);
    // the text of an operation is there for a gateway that does not know its id (development)
    expect(js).toContain('mutation StoreTerminalRedeemPoints($input: RedeemPointsInput!)');
    expect(js.length).toBeLessThan(150_000);
  }, 30_000);

  it('serve the style sheet', async () => {
    const res = await fetch(`${base}/store-terminal/style.css`);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await res.text()).toContain('min-height: 48px'); // touch targets
  });
});
