/* eslint-disable @typescript-eslint/no-unsafe-function-type */

/** The data fields of a GraphQL class: its methods left out, its optional fields optional. */
export type FieldsOf<T> = {
  [K in keyof T as T[K] extends Function ? never : K]: T[K];
};

/**
 * Makes an instance of a GraphQL object type from all its fields. Unlike `Object.assign(new T(), …)`
 * a field the mapper forgets, or one of the wrong type, fails to compile. Each type's mapper (its
 * `static from(record)`) is written with this; resolvers call the mapper.
 */
export function build<T extends object>(type: new () => T, fields: FieldsOf<T>): T {
  return Object.assign(new type(), fields);
}
