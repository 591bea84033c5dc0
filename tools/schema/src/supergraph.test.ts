import { existsSync, readFileSync } from 'node:fs';
import { CONTRACT_COPY_PATH, CONTRACT_PATH, readArtifacts, regenerate } from './artifacts.js';

describe('composed supergraph', () => {
  let next: Awaited<ReturnType<typeof regenerate>>;
  beforeAll(async () => {
    next = await regenerate();
  });

  it('composes the six subgraphs', () => {
    for (const name of ['member', 'points', 'orders', 'inventory', 'customer-service', 'content']) {
      expect(next.supergraphSdl).toContain(`@join__graph(name: "${name}"`);
    }
  });

  it('is committed fresh (run `npm run schema:compose` after a schema change)', () => {
    const committed = readArtifacts();
    expect(committed.supergraph).toBe(next.supergraphSdl);
    expect(committed.api).toBe(next.apiSdl);
    expect(committed.helm).toBe(next.supergraphSdl);
  });

  it('keeps every published contract element it serves compatible', () => {
    expect(next.gap.incompatible).toEqual([]);
  });

  it('only shrinks the list of contract elements still missing', () => {
    const recorded = readArtifacts().gap?.missing ?? [];
    expect(next.gap.missing.filter((c) => !recorded.includes(c))).toEqual([]);
    expect(recorded.filter((c) => !next.gap.missing.includes(c))).toEqual([]);
  });

  it('checks against the current shared contract', () => {
    if (existsSync(CONTRACT_PATH))
      expect(readFileSync(CONTRACT_COPY_PATH, 'utf8')).toBe(readFileSync(CONTRACT_PATH, 'utf8'));
  });
});
