import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { type Handler, readBody, sendJson } from './http-app.js';

/**
 * Bridges node:http to Apollo Server's `executeHTTPGraphQLRequest` (the documented way to write an
 * integration). `context` builds the per-request context and may throw a DomainError.
 */
export function apolloHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage, requestId: string) => Promise<C>,
  wrap: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
  onDone?: (req: IncomingMessage, res: ServerResponse) => void,
): Handler {
  return async (req, res, requestId) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const raw = await readBody(req);
      if (raw === null) return sendJson(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }] });
      try {
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] });
      }
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    await wrap(async () => {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: q >= 0 ? url.slice(q) : '', body },
        context: () => context(req, requestId),
      });
      onDone?.(req, res);
      res.statusCode = response.status ?? 200;
      for (const [key, value] of response.headers) res.setHeader(key, value);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    });
  };
}
