import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, parse, validate } from 'graphql';
import { parseOperationsManifest } from '@zhongtai/gateway';
import { API_SCHEMA, CHANNELS, PACKAGE_DIR, codegenConfig, operationId } from './codegen.js';
import * as client from './index.js';

const manifest = JSON.parse(
  readFileSync(`${PACKAGE_DIR}src/generated/persisted-documents.json`, 'utf8'),
) as Record<string, string>;

describe('the typed client (@graphql-codegen client preset)', () => {
  it('is what the channels’ operations generate today (npm run client:generate, then commit)', async () => {
    const files = await generate(codegenConfig, false);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files)
      expect({ file: f.filename, fresh: readFileSync(f.filename, 'utf8') === f.content }).toEqual({
        file: f.filename,
        fresh: true,
      });
  }, 60_000);

  it('validates every channel’s operations against the composed API schema', () => {
    const schema = buildSchema(readFileSync(API_SCHEMA, 'utf8'));
    for (const text of Object.values(manifest)) expect(validate(schema, parse(text))).toEqual([]);
    const names = Object.values(manifest).flatMap((t) =>
      [...t.matchAll(/^(?:query|mutation) (\w+)/g)].map((m) => m[1]),
    );
    const prefixes = CHANNELS.map((c) => c.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase()));
    // every operation is named after its channel (the gateway's metrics and the channel check read the name)
    for (const name of names) expect(prefixes.some((p) => name.startsWith(p))).toBe(true);
  });

  it('writes the manifest the gateway’s registered mode loads: each id the sha256 of its document', () => {
    const loaded = parseOperationsManifest(manifest);
    expect(loaded.byHash.size).toBe(Object.keys(manifest).length);
    for (const [id, text] of Object.entries(manifest)) expect(operationId(text)).toBe(id);
    // each typed document carries its id, which a client sends as extensions.persistedQuery.sha256Hash
    const doc = client.StoreTerminalRedeemPointsDocument as unknown as { __meta__: { hash: string } };
    expect(manifest[doc.__meta__.hash]).toMatch(/^mutation StoreTerminalRedeemPoints/);
  });
});
