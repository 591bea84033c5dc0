import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * A channel app's call to the gateway with a generated document: its persisted id first (Apollo's
 * automatic-persisted-query protocol), its text only when the gateway does not know the id (a
 * development gateway without the manifest). Browser-safe: global `fetch`, no Node module, no GraphQL
 * printer (the text comes from `persisted-documents.json`, byte for byte what the id was computed from).
 */

/** one error of an answer; `code` is `extensions.code` (RUNTIME.md) or, for a call that got no answer, `NETWORK_ERROR` */
export interface GatewayError {
  message: string;
  code: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

export interface GatewayResult<R> {
  /** null when the operation did not run; otherwise what ran (fields that failed are null) */
  data: R | null;
  errors: GatewayError[];
}

/** thrown by `request` when an answer has errors: the first one's code and message, all of them in `errors` */
export class GatewayRequestError extends Error {
  readonly code: string;
  constructor(
    readonly errors: GatewayError[],
    readonly data: unknown = null,
  ) {
    super(errors[0]?.message ?? 'the request failed');
    this.name = 'GatewayRequestError';
    this.code = errors[0]?.code ?? 'INTERNAL_SERVER_ERROR';
  }
}

export interface GatewayClientOptions {
  /** the gateway's GraphQL endpoint, e.g. `/graphql` or `https://api.example.com/graphql` */
  url: string;
  /** the caller's JWT, read at every call (a login or a refresh changes it); none: no Authorization header */
  token?: () => string | null | undefined;
  /** id → document (`@zhongtai/client/persisted-documents.json`): sent when the gateway does not know an id */
  documents?: Readonly<Record<string, string>>;
  /** extra headers, e.g. `x-request-id` */
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
}

export interface GatewayClient {
  /** the answer as it came, partial data and errors both */
  execute<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<GatewayResult<R>>;
  /** the data, or a `GatewayRequestError` when the answer has any error */
  request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R>;
}

interface PersistedDocument {
  __meta__?: { hash?: string };
  definitions?: ReadonlyArray<{ kind: string; name?: { value: string } }>;
}

const networkError = (message: string): GatewayResult<never> => ({
  data: null,
  errors: [{ message, code: 'NETWORK_ERROR' }],
});

function normalise(errors: unknown): GatewayError[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e: { message?: unknown; path?: unknown; extensions?: Record<string, unknown> }) => ({
    message: typeof e?.message === 'string' ? e.message : 'error',
    code: typeof e?.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR',
    ...(Array.isArray(e?.path) ? { path: e.path as Array<string | number> } : {}),
    ...(e?.extensions ? { extensions: e.extensions } : {}),
  }));
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function post(body: Record<string, unknown>): Promise<GatewayResult<never>> {
    const token = options.token?.();
    let response: Response;
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers?.(),
        },
        body: JSON.stringify(body),
      });
    } catch (error) {
      return networkError(`the gateway did not answer (${(error as Error).message})`);
    }
    let json: { data?: unknown; errors?: unknown };
    try {
      json = (await response.json()) as typeof json;
    } catch {
      return networkError(`the gateway answered HTTP ${response.status} without a GraphQL result`);
    }
    const errors = normalise(json?.errors);
    if (!response.ok && !errors.length)
      errors.push({ message: `HTTP ${response.status}`, code: 'INTERNAL_SERVER_ERROR' });
    return { data: (json?.data ?? null) as never, errors };
  }

  async function execute<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<GatewayResult<R>> {
    const doc = document as unknown as PersistedDocument;
    const id = doc.__meta__?.hash;
    if (!id) throw new Error('expected a document of the generated client (it carries its persisted id)');
    const operationName = doc.definitions?.find((d) => d.kind === 'OperationDefinition')?.name?.value;
    const base = { operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } };
    const first = await post(base);
    const unknownId = first.errors.some((e) => e.extensions?.persistedQuery === 'NOT_FOUND');
    const text = options.documents?.[id];
    return unknownId && text ? post({ ...base, query: text }) : first;
  }

  return {
    execute,
    async request(document, variables) {
      const result = await execute(document, variables);
      if (result.errors.length) throw new GatewayRequestError(result.errors, result.data);
      return result.data!;
    },
  };
}
