import { Directive, Field, ID, ObjectType } from 'type-graphql';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type EntityRefClass<K extends string> = new () => { [P in K]: string };

/**
 * A federation entity owned by another subgraph, as this subgraph sees it: only its key. Each call
 * makes a fresh class, so each subgraph attaches its own field resolvers to its own copy.
 * `resolvable: false` for entities this subgraph only points at (it adds no fields to them).
 */
export function entityRef<K extends string = 'id'>(
  typeName: string,
  opts: { key?: K; keyType?: 'ID' | 'String'; resolvable?: boolean } = {},
): EntityRefClass<K> {
  const key = (opts.key ?? 'id') as K;
  const resolvable = opts.resolvable ?? true;
  class Ref {}
  Object.defineProperty(Ref, 'name', { value: `${typeName}Ref` });
  Field(() => (opts.keyType === 'String' ? String : ID))(Ref.prototype, key);
  ObjectType(typeName)(Ref);
  Directive(`@key(fields: "${key}"${resolvable ? '' : ', resolvable: false'})`)(Ref);
  return Ref as any;
}

/** Makes an instance of an entity reference class. */
export function ref<K extends string>(
  cls: EntityRefClass<K>,
  key: string,
  keyField: K = 'id' as K,
): { [P in K]: string } {
  const r = new cls();
  (r as any)[keyField] = key;
  return r;
}
