import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GraphQLFormattedError } from 'graphql';
import { LRUCache } from 'lru-cache';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;

/** Registered operations by their id (sha256 of the body, hex) and by body. */
export interface OperationsManifest {
  byHash: ReadonlyMap<string, string>;
  /** body → id: a full query text is recognised without hashing it */
  byText: ReadonlyMap<string, string>;
}

/**
 * Reads a manifest of registered operations, in either format:
 * - Apollo's persisted-query manifest (`generate-persisted-query-manifest`):
 *   `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "name", "type", "body" }] }`;
 * - a plain map `{ "<sha256 of the document>": "<document>" }`.
 * Every id must be the sha256 (hex) of its body, so that a client sending the hash and a client
 * sending the text reach the same operation. Throws with every problem found.
 */
export function parseOperationsManifest(json: unknown): OperationsManifest {
  const entries: Array<[id: unknown, body: unknown, where: string]> = [];
  if (json && typeof json === 'object' && !Array.isArray(json) && 'format' in json) {
    const m = json as { format?: unknown; version?: unknown; operations?: unknown };
    if (m.format !== 'apollo-persisted-query-manifest' || m.version !== 1 || !Array.isArray(m.operations))
      throw new Error(
        'expected { "format": "apollo-persisted-query-manifest", "version": 1, "operations": [...] } or a { "<sha256>": "<document>" } map',
      );
    m.operations.forEach((op: { id?: unknown; body?: unknown; name?: unknown }, i) =>
      entries.push([
        op?.id,
        op?.body,
        `operations[${i}]${typeof op?.name === 'string' ? ` (${op.name})` : ''}`,
      ]),
    );
  } else if (json && typeof json === 'object' && !Array.isArray(json)) {
    for (const [id, body] of Object.entries(json)) entries.push([id, body, `"${id.slice(0, 16)}…"`]);
  } else throw new Error('a manifest is a JSON object');
  const byHash = new Map<string, string>();
  const byText = new Map<string, string>();
  const problems: string[] = [];
  for (const [id, body, where] of entries) {
    if (typeof body !== 'string' || !body.trim()) problems.push(`${where}: body must be a GraphQL document`);
    else if (typeof id !== 'string' || !SHA256.test(id))
      problems.push(`${where}: id must be a sha256 hex digest`);
    else if (sha256Hex(body) !== id) problems.push(`${where}: id is not the sha256 of its body`);
    else {
      byHash.set(id, body);
      byText.set(body, id);
    }
  }
  if (problems.length)
    throw new Error(
      `${problems.length} bad operation(s): ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`,
    );
  return { byHash, byText };
}

/** `parseOperationsManifest` of a file; errors name the file. */
export function loadOperationsManifest(path: string): OperationsManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`operations manifest ${path}: ${(error as Error).message}`);
  }
  try {
    return parseOperationsManifest(JSON.parse(text));
  } catch (error) {
    throw new Error(`operations manifest ${path}: ${(error as Error).message}`);
  }
}

export type OperationsMode = 'any' | 'registered';

export interface Refusal {
  status: number;
  error: GraphQLFormattedError;
}

export interface OperationRequest {
  query?: string;
  extensions?: unknown;
}

const refusal = (status: number, message: string, extensions: Record<string, unknown> = {}): Refusal => ({
  status,
  error: { message, extensions: { code: 'BAD_USER_INPUT', ...extensions } },
});

/**
 * Turns a request into the query text to run:
 * - Automatic persisted queries (Apollo's APQ protocol, `extensions.persistedQuery: { version: 1,
 *   sha256Hash }`): a hash alone runs the query stored under it, or answers `PersistedQueryNotFound`
 *   (Apollo Client's link then retries with the text); hash and text together are checked, stored
 *   (in an LRU bounded in bytes) and run.
 * - `registered` mode: only operations of the manifest run, by hash or by their exact text;
 *   anything else is refused, and nothing is stored. Trusted callers (SYSTEM: adapters, imports,
 *   services) may still send their own operations.
 */
export class OperationResolver {
  private readonly apq?: LRUCache<string, string>;

  constructor(
    readonly mode: OperationsMode,
    private readonly manifest: OperationsManifest | undefined,
    apqBytes: number,
  ) {
    if (mode === 'registered' && !manifest)
      throw new Error(
        'GATEWAY_OPERATIONS=registered needs a manifest of operations (GATEWAY_OPERATIONS_MANIFEST)',
      );
    if (apqBytes > 0 && mode === 'any')
      this.apq = new LRUCache<string, string>({
        maxSize: apqBytes,
        // key (64) + text, both one byte per character for ASCII, plus the entry's own overhead
        sizeCalculation: (query) => 64 + query.length + 100,
      });
  }

  /** the APQ store's entries and bytes (tests, metrics) */
  get apqStats(): { entries: number; bytes: number } {
    return { entries: this.apq?.size ?? 0, bytes: this.apq?.calculatedSize ?? 0 };
  }

  resolve(req: OperationRequest, trusted: boolean): { query: string } | Refusal {
    const registeredOnly = this.mode === 'registered' && !trusted;
    const pq = (req.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
    if (pq !== undefined) {
      const { version, sha256Hash } = (pq ?? {}) as { version?: unknown; sha256Hash?: unknown };
      if (version !== 1) return refusal(400, 'Unsupported persisted query version (only 1)');
      if (typeof sha256Hash !== 'string' || !SHA256.test(sha256Hash))
        return refusal(400, 'persistedQuery.sha256Hash must be a sha256 hex digest');
      const registered = this.manifest?.byHash.get(sha256Hash);
      if (req.query !== undefined) {
        if (sha256Hex(req.query) !== sha256Hash) return refusal(400, 'provided sha does not match query');
        if (registeredOnly && registered === undefined) return onlyRegistered();
        if (registered === undefined) this.apq?.set(sha256Hash, req.query);
        return { query: req.query };
      }
      if (registered !== undefined) return { query: registered };
      if (registeredOnly) return onlyRegistered();
      const stored = this.apq?.get(sha256Hash);
      if (stored !== undefined) return { query: stored };
      // what Apollo Client's persisted-query link retries on (message); HTTP 200 as Apollo Server answers it
      return refusal(200, 'PersistedQueryNotFound', { persistedQuery: 'NOT_FOUND' });
    }
    if (req.query === undefined) return refusal(400, 'Expected a query or extensions.persistedQuery');
    if (registeredOnly && !this.manifest!.byText.has(req.query)) return onlyRegistered();
    return { query: req.query };
  }
}

const onlyRegistered = () =>
  refusal(
    400,
    'Only registered operations are accepted: send the id of an operation of the manifest (extensions.persistedQuery.sha256Hash) or its exact text',
  );
