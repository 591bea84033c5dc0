import { checkSku, skuVersion } from './catalogue.js';

describe('catalogue', () => {
  it('takes SKU codes of letters, digits, dot, dash and underscore', () => {
    expect(() => checkSku({ code: 'SKU-0001_a.b', name: 'Tea', category: 'drinks' })).not.toThrow();
    for (const code of ['', 'SKU 1', 'SKU/1', 'x'.repeat(65)])
      expect(() => checkSku({ code, name: 'Tea', category: 'drinks' })).toThrow('SKU code');
  });

  it('needs a name and a category', () => {
    expect(() => checkSku({ code: 'S1', name: ' ', category: 'drinks' })).toThrow('must not be empty');
    expect(() => checkSku({ code: 'S1', name: 'Tea', category: '' })).toThrow('must not be empty');
  });

  it('versions master data by its content', () => {
    expect(skuVersion('Tea', 'drinks')).toBe(skuVersion('Tea', 'drinks'));
    expect(skuVersion('Tea', 'drinks')).not.toBe(skuVersion('Tea', 'snacks'));
    // the first 12 hex digits of sha256("Tea|drinks"): part of published event ids, so it never changes
    expect(skuVersion('Tea', 'drinks')).toBe('541170285180');
  });
});
