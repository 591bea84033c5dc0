import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Field, ObjectType } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { build } from './mapper.js';
import { reference, referenceResolvers } from './references.js';

@ObjectType()
class Thing {
  @Field() id!: string;
  @Field() name!: string;
  label(): string {
    return `${this.id}:${this.name}`;
  }
}

const records = new Map([['t1', { _id: 't1', title: 'one' }]]);
const ctx = {} as RequestContext;

describe('referenceResolvers', () => {
  const refs = referenceResolvers({
    Thing: reference({
      load: async (_ctx, id) => records.get(id),
      map: (r) => build(Thing, { id: r._id, name: r.title }),
    }),
    Sku: reference({
      key: 'code',
      load: async () => null,
      map: (r: { code: string }) => r,
      missing: (code) => ({ code }),
    }),
  });

  it('loads by the key and maps the record to an instance of the type', async () => {
    const t = (await refs.Thing.__resolveReference({ id: 't1' }, ctx, null)) as Thing;
    expect(t).toBeInstanceOf(Thing);
    expect(t.label()).toBe('t1:one');
  });

  it('answers null for a missing record, or what `missing` makes of the key', async () => {
    expect(await refs.Thing.__resolveReference({ id: 'nope' }, ctx, null)).toBeNull();
    expect(await refs.Sku.__resolveReference({ code: 'SKU-9' }, ctx, null)).toEqual({ code: 'SKU-9' });
  });
});
