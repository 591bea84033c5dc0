import { measure as kitMeasure } from '@zhongtai/subgraph-kit';
import { DEFAULT_GATEWAY_LIMITS, measure, queryTooLarge } from './limits.js';

describe('gateway limits', () => {
  it('measures with the subgraph kit’s function (one definition for gateway and subgraphs)', () => {
    expect(measure).toBe(kitMeasure);
  });

  it('defaults', () => {
    expect(DEFAULT_GATEWAY_LIMITS).toEqual({
      maxDepth: 12,
      maxFields: 500,
      maxAliases: 15,
      maxIntrospectionDepth: 20,
      maxQueryBytes: 65_536,
      maxBodyBytes: 256_000,
    });
  });

  it('queryTooLarge counts UTF-8 bytes, not characters', () => {
    expect(queryTooLarge('x'.repeat(100), 100)).toBe(false);
    expect(queryTooLarge('x'.repeat(101), 100)).toBe(true);
    expect(queryTooLarge('会'.repeat(34), 100)).toBe(true); // 102 bytes in 34 characters
    expect(queryTooLarge('会'.repeat(33), 100)).toBe(false); // 99 bytes
  });
});
