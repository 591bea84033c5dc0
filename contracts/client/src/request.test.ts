import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { PACKAGE_DIR } from './codegen.js';
import { StoreTerminalRedeemPointsDocument } from './generated/graphql.js';
import { GatewayRequestError, createGatewayClient } from './request.js';

const documents = JSON.parse(
  readFileSync(`${PACKAGE_DIR}src/generated/persisted-documents.json`, 'utf8'),
) as Record<string, string>;

const ID = (StoreTerminalRedeemPointsDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
const VARS = { input: { memberId: 'm1', points: 10, idempotencyKey: 'k1' } };
const ENTRY = { redeemPoints: { id: 'e1', delta: -10, balanceAfter: 90 } };

type Call = { body: Record<string, unknown>; headers: Record<string, string> };

/** a fetch that answers like the gateway: ids it knows (or learns from a text, APQ) run, others NOT_FOUND */
function fakeGateway(known: Set<string>, answer: () => Response = () => Response.json({ data: ENTRY })) {
  const calls: Call[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as Record<string, unknown>;
    calls.push({ body, headers: init.headers as Record<string, string> });
    const id = (body.extensions as { persistedQuery: { sha256Hash: string } }).persistedQuery.sha256Hash;
    if (typeof body.query === 'string') known.add(id);
    if (!known.has(id))
      return Response.json({
        errors: [
          {
            message: 'PersistedQueryNotFound',
            extensions: { code: 'BAD_USER_INPUT', persistedQuery: 'NOT_FOUND' },
          },
        ],
      });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('createGatewayClient (browser-safe request with persisted ids)', () => {
  it('sends the id alone, with the operation name, the variables and the token', async () => {
    const gw = fakeGateway(new Set([ID]));
    const client = createGatewayClient({ url: '/graphql', token: () => 'T', fetch: gw.fetch });
    const data = await client.request(StoreTerminalRedeemPointsDocument, VARS);
    expect(data.redeemPoints.balanceAfter).toBe(90);
    expect(gw.calls).toHaveLength(1);
    expect(gw.calls[0].body).toEqual({
      operationName: 'StoreTerminalRedeemPoints',
      variables: VARS,
      extensions: { persistedQuery: { version: 1, sha256Hash: ID } },
    });
    expect(gw.calls[0].headers.authorization).toBe('Bearer T');
  });

  it('sends the manifest’s text once when the gateway does not know the id, then the id alone again', async () => {
    const gw = fakeGateway(new Set());
    const client = createGatewayClient({ url: '/graphql', documents, fetch: gw.fetch });
    await client.request(StoreTerminalRedeemPointsDocument, VARS);
    await client.request(StoreTerminalRedeemPointsDocument, VARS);
    expect(gw.calls.map((c) => typeof c.body.query)).toEqual(['undefined', 'string', 'undefined']);
    expect(gw.calls[1].body.query).toBe(documents[ID]);
    expect(gw.calls[0].headers.authorization).toBeUndefined();
  });

  it('without the manifest an unknown id is the gateway’s refusal (a registered-mode gateway refuses text anyway)', async () => {
    const gw = fakeGateway(new Set());
    const client = createGatewayClient({ url: '/graphql', fetch: gw.fetch });
    const r = await client.execute(StoreTerminalRedeemPointsDocument, VARS);
    expect(r.errors[0].code).toBe('BAD_USER_INPUT');
    expect(gw.calls).toHaveLength(1);
  });

  it('throws the first error’s code, keeping every error and the partial data', async () => {
    const gw = fakeGateway(
      new Set([ID]),
      () =>
        new Response(
          JSON.stringify({
            data: null,
            errors: [
              { message: 'not enough points', extensions: { code: 'INSUFFICIENT_POINTS' }, path: ['x'] },
            ],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    );
    const client = createGatewayClient({ url: '/graphql', fetch: gw.fetch });
    const error = await client.request(StoreTerminalRedeemPointsDocument, VARS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayRequestError);
    expect(error).toMatchObject({ code: 'INSUFFICIENT_POINTS', message: 'not enough points' });
    expect((error as GatewayRequestError).errors[0].path).toEqual(['x']);
  });

  it('names a call that got no GraphQL answer NETWORK_ERROR (no answer, or an HTML error page)', async () => {
    const down = createGatewayClient({
      url: '/graphql',
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    expect((await down.execute(StoreTerminalRedeemPointsDocument, VARS)).errors).toEqual([
      { message: 'the gateway did not answer (fetch failed)', code: 'NETWORK_ERROR' },
    ]);
    const proxy = createGatewayClient({
      url: '/graphql',
      fetch: (async () => new Response('<html>502</html>', { status: 502 })) as typeof fetch,
    });
    expect((await proxy.execute(StoreTerminalRedeemPointsDocument, VARS)).errors[0]).toMatchObject({
      code: 'NETWORK_ERROR',
      message: 'the gateway answered HTTP 502 without a GraphQL result',
    });
  });

  it('refuses a document that is not the generated client’s (no persisted id)', async () => {
    const client = createGatewayClient({ url: '/graphql', fetch: fakeGateway(new Set()).fetch });
    const plain = {
      kind: 'Document',
      definitions: [],
    } as unknown as typeof StoreTerminalRedeemPointsDocument;
    await expect(client.execute(plain, VARS)).rejects.toThrow(/generated client/);
  });
});
