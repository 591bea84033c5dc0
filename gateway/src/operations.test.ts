import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OperationResolver,
  loadOperationsManifest,
  parseOperationsManifest,
  sha256Hex,
} from './operations.js';

const HELLO = 'query Hello { hello }';
const NODE = 'query Node($id: ID!) { node(id: $id) { name } }';
const apollo = {
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [
    { id: sha256Hex(HELLO), name: 'Hello', type: 'query', body: HELLO },
    { id: sha256Hex(NODE), name: 'Node', type: 'query', body: NODE },
  ],
};
const pq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } });

describe('operations manifest', () => {
  it('reads Apollo’s persisted-query manifest and a plain { sha256: document } map alike', () => {
    const a = parseOperationsManifest(apollo);
    const b = parseOperationsManifest({ [sha256Hex(HELLO)]: HELLO, [sha256Hex(NODE)]: NODE });
    for (const m of [a, b]) {
      expect(m.byHash.get(sha256Hex(NODE))).toBe(NODE);
      expect(m.byText.get(HELLO)).toBe(sha256Hex(HELLO));
      expect(m.byHash.size).toBe(2);
    }
  });

  it('refuses ids that are not the sha256 of their body, and unknown formats', () => {
    expect(() => parseOperationsManifest({ [sha256Hex('{ other }')]: HELLO })).toThrow(
      /id is not the sha256 of its body/,
    );
    expect(() =>
      parseOperationsManifest({
        ...apollo,
        operations: [{ id: 'abc', name: 'X', type: 'query', body: HELLO }],
      }),
    ).toThrow(/operations\[0\] \(X\): id must be a sha256 hex digest/);
    expect(() => parseOperationsManifest({ format: 'relay', version: 1, operations: [] })).toThrow(
      /apollo-persisted-query-manifest/,
    );
    expect(() => parseOperationsManifest([HELLO])).toThrow(/JSON object/);
  });

  it('loads a file and names it in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zt-manifest-'));
    const good = join(dir, 'ops.json');
    writeFileSync(good, JSON.stringify(apollo));
    expect(loadOperationsManifest(good).byHash.size).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadOperationsManifest(bad)).toThrow(`operations manifest ${bad}:`);
    expect(() => loadOperationsManifest(join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});

describe('OperationResolver', () => {
  it('APQ: a miss, the retry with the text stores it, then the hash alone runs it', () => {
    const r = new OperationResolver('any', undefined, 1_000_000);
    const q = '{ hello }';
    expect(r.resolve({ extensions: pq(q) }, false)).toEqual({
      status: 200,
      error: {
        message: 'PersistedQueryNotFound',
        extensions: { code: 'BAD_USER_INPUT', persistedQuery: 'NOT_FOUND' },
      },
    });
    expect(r.resolve({ query: q, extensions: pq(q) }, false)).toEqual({ query: q });
    expect(r.resolve({ extensions: pq(q) }, false)).toEqual({ query: q });
  });

  it('APQ: refuses a wrong hash, other versions and malformed hashes', () => {
    const r = new OperationResolver('any', undefined, 1_000_000);
    expect(r.resolve({ query: '{ hello }', extensions: pq('{ other }') }, false)).toMatchObject({
      status: 400,
      error: { message: 'provided sha does not match query' },
    });
    expect(
      r.resolve({ extensions: { persistedQuery: { version: 2, sha256Hash: sha256Hex('x') } } }, false),
    ).toMatchObject({ status: 400 });
    expect(
      r.resolve({ extensions: { persistedQuery: { version: 1, sha256Hash: 'XYZ' } } }, false),
    ).toMatchObject({
      status: 400,
    });
    expect(r.apqStats.entries).toBe(0);
  });

  it('APQ store is bounded in bytes and forgets the least recently used texts', () => {
    const r = new OperationResolver('any', undefined, 20_000);
    const texts = Array.from({ length: 100 }, (_, i) => `{ hello } # ${i} ${'p'.repeat(500)}`);
    for (const t of texts) r.resolve({ query: t, extensions: pq(t) }, false);
    expect(r.apqStats.bytes).toBeLessThanOrEqual(20_000);
    expect(r.apqStats.entries).toBeLessThan(100);
    expect(r.resolve({ extensions: pq(texts[0]) }, false)).toMatchObject({
      error: { message: 'PersistedQueryNotFound' },
    });
    expect(r.resolve({ extensions: pq(texts[99]) }, false)).toEqual({ query: texts[99] });
  });

  it('APQ off (0 bytes): every hash alone is a miss, the text still runs', () => {
    const r = new OperationResolver('any', undefined, 0);
    expect(r.resolve({ query: '{ hello }', extensions: pq('{ hello }') }, false)).toEqual({
      query: '{ hello }',
    });
    expect(r.resolve({ extensions: pq('{ hello }') }, false)).toMatchObject({ status: 200 });
  });

  it('registered: manifest operations by hash or exact text; nothing else, nothing stored', () => {
    const r = new OperationResolver('registered', parseOperationsManifest(apollo), 1_000_000);
    expect(r.resolve({ extensions: pq(NODE) }, false)).toEqual({ query: NODE });
    expect(r.resolve({ query: HELLO }, false)).toEqual({ query: HELLO });
    expect(r.resolve({ query: HELLO, extensions: pq(HELLO) }, false)).toEqual({ query: HELLO });
    for (const req of [
      { query: '{ hello }' },
      { query: '{ hello }', extensions: pq('{ hello }') },
      { extensions: pq('{ x }') },
    ])
      expect(r.resolve(req, false)).toMatchObject({
        status: 400,
        error: { message: expect.stringMatching(/^Only registered operations are accepted/) },
      });
    expect(r.apqStats.entries).toBe(0);
    // trusted (SYSTEM) callers send what they need; still nothing is stored
    expect(r.resolve({ query: '{ hello }' }, true)).toEqual({ query: '{ hello }' });
    expect(r.resolve({ query: '{ hello }', extensions: pq('{ hello }') }, true)).toEqual({
      query: '{ hello }',
    });
    expect(r.apqStats.entries).toBe(0);
  });

  it('registered mode needs a manifest', () => {
    expect(() => new OperationResolver('registered', undefined, 0)).toThrow(/GATEWAY_OPERATIONS_MANIFEST/);
  });
});
