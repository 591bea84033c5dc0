import { parse } from 'graphql';
import { measure } from './limits.js';

describe('measure', () => {
  it('counts depth and fields', () => {
    expect(measure(parse('{ member(id: "1") { id orders { nodes { id } } } }'))).toEqual({
      depth: 4,
      fields: 5,
    });
  });
  it('expands fragments', () => {
    const doc = parse('query { me { ...F } } fragment F on Member { id points { balance } }');
    expect(measure(doc)).toEqual({ depth: 3, fields: 4 });
  });
});
