import { getIntrospectionQuery, parse } from 'graphql';
import {
  DEFAULT_QUERY_LIMITS,
  checkQueryLimits,
  exceededLimits,
  measure,
  subgraphQueryLimits,
} from './limits.js';

describe('measure', () => {
  it('counts depth and fields', () => {
    expect(measure(parse('{ member(id: "1") { id orders { nodes { id } } } }'))).toMatchObject({
      depth: 4,
      fields: 5,
      aliases: 0,
      introspection: false,
    });
  });

  it('expands fragments', () => {
    const doc = parse('query { me { ...F } } fragment F on Member { id points { balance } }');
    expect(measure(doc)).toMatchObject({ depth: 3, fields: 4 });
  });

  it('counts aliases, also inside fragments spread several times', () => {
    const doc = parse(
      '{ a: member(id: "1") { ...F } b: member(id: "2") { ...F } } fragment F on Member { x: id y: id }',
    );
    // a, b, and x/y once per spread
    expect(measure(doc)).toMatchObject({ aliases: 6, fields: 6, depth: 2 });
  });

  it('keeps __schema/__type subtrees out of the depth, with a depth of their own', () => {
    const cost = measure(parse(getIntrospectionQuery()));
    expect(cost.introspection).toBe(true);
    expect(cost.depth).toBe(0);
    expect(cost.introspectionDepth).toBe(15);
    expect(exceededLimits(cost, DEFAULT_QUERY_LIMITS)).toEqual([]);
    const mixed = measure(parse('{ __typename member { id } __type(name: "Member") { name } }'));
    expect(mixed).toMatchObject({ depth: 2, introspectionDepth: 2, introspection: true });
    expect(measure(parse('{ __typename member { __typename } }')).introspection).toBe(false);
  });

  it('stops counting a fragment bomb once past the fields limit', () => {
    // each level spreads the next one 4 times: 4^12 ≈ 16.7 million fields when expanded
    const levels = Array.from(
      { length: 12 },
      (_, i) =>
        `fragment F${i} on Member { ${i === 11 ? 'id' : `...F${i + 1} ...F${i + 1} ...F${i + 1} ...F${i + 1}`} }`,
    );
    const doc = parse(`{ me { ...F0 } } ${levels.join(' ')}`);
    const started = Date.now();
    const { cost, error } = checkQueryLimits(doc, DEFAULT_QUERY_LIMITS);
    expect(Date.now() - started).toBeLessThan(500);
    expect(cost.truncated).toBe(true);
    expect(error).toEqual({
      message: 'Query too complex: fields > 500',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  });
});

describe('limits', () => {
  const limits = { maxDepth: 3, maxFields: 10, maxAliases: 2, maxIntrospectionDepth: 4 };

  it('names every exceeded limit', () => {
    const { error } = checkQueryLimits(parse('{ a: x { b: y { c: z { w } } } }'), limits);
    expect(error?.message).toBe('Query too complex: depth 4 > 3, aliases 3 > 2');
    expect(error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(checkQueryLimits(parse('{ a: x { b: y { z } } }'), limits).error).toBeUndefined();
    expect(
      checkQueryLimits(parse('{ __schema { types { fields { type { ofType { name } } } } } }'), limits).error
        ?.message,
    ).toBe('Query too complex: introspection depth 6 > 4');
  });

  it('gives subgraphs room for the gateway’s own fetches', () => {
    expect(subgraphQueryLimits(DEFAULT_QUERY_LIMITS)).toEqual({
      maxDepth: 14,
      maxFields: 1100,
      maxAliases: 40,
      maxIntrospectionDepth: 20,
    });
  });
});
