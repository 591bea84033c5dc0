import type { EventBus } from '../bus/event-bus.js';
import type { TokenVerifier } from '../auth/verifier.js';
import { type Handler, headerValue, readBody, sendJson } from './http-app.js';

export const DEAD_LETTERS_PATH = '/admin/dead-letters';

/**
 * `GET /admin/dead-letters[?group=g]` lists the bus's dead letters; `POST /admin/dead-letters` with
 * `{ "group": "...", "eventIds": [...]? }` hands them back to their group. HQ and SYSTEM callers only
 * (the `npm run dead-letters` command signs a service token). For the in-process bus of the
 * all-in-one process, whose queues only that process can reach.
 */
export function deadLetterRoutes(bus: EventBus, verifier: TokenVerifier): Record<string, Handler> {
  return {
    [DEAD_LETTERS_PATH]: async (req, res) => {
      let role: string;
      try {
        role = (await verifier(headerValue(req, 'authorization'))).role;
      } catch (error) {
        return sendJson(res, 401, { error: (error as Error).message, code: 'UNAUTHENTICATED' });
      }
      if (role !== 'HQ' && role !== 'SYSTEM')
        return sendJson(res, 403, { error: 'HQ and SYSTEM only', code: 'FORBIDDEN' });
      if (req.method === 'GET') {
        const group = new URL(req.url ?? '/', 'http://x').searchParams.get('group') ?? undefined;
        return sendJson(res, 200, { deadLetters: await bus.deadLetters(group) });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET or POST' });
      const raw = await readBody(req, 64_000);
      let body: { group?: unknown; eventIds?: unknown };
      try {
        body = JSON.parse(raw ?? '');
      } catch {
        return sendJson(res, 400, { error: 'a JSON body { group, eventIds? }', code: 'BAD_USER_INPUT' });
      }
      const ids = Array.isArray(body.eventIds) ? body.eventIds.map(String) : undefined;
      if (typeof body.group !== 'string' || !body.group)
        return sendJson(res, 400, { error: 'group is required', code: 'BAD_USER_INPUT' });
      return sendJson(res, 200, { replayed: await bus.replayDeadLetters(body.group, ids) });
    },
  };
}
