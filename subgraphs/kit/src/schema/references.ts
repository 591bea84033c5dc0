import type { RequestContext } from '../context.js';
import type { ReferenceResolvers } from './build-subgraph-schema.js';

/**
 * How one entity is resolved by reference: `load` fetches the record by its key (through the
 * request's DataLoader, so a query naming many entities costs one batch), `map` is the type's mapper.
 * A missing record resolves to null (or to `missing(key)` for entities that exist without a record).
 */
export interface ReferenceDef<R, T> {
  key?: string;
  load: (ctx: RequestContext, key: string) => Promise<R | null | undefined>;
  map: (record: R) => T;
  missing?: (key: string) => T | null;
}

/**
 * The reference resolvers of a subgraph (`schema/references.ts`), one definition per entity type it
 * owns. Who may see each entity is its `Type.__resolveReference` policy in `policy.ts`.
 */
export function referenceResolvers(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  defs: Record<string, ReferenceDef<any, unknown>>,
): ReferenceResolvers {
  return Object.fromEntries(
    Object.entries(defs).map(([type, def]) => [
      type,
      {
        __resolveReference: async (ref: Record<string, string>, ctx: RequestContext) => {
          const key = ref[def.key ?? 'id'];
          const record = await def.load(ctx, key);
          return record ? def.map(record) : (def.missing?.(key) ?? null);
        },
      },
    ]),
  );
}

/** One entity's definition, typed by its record (the map's argument checks against the load's result). */
export function reference<R, T>(def: ReferenceDef<R, T>): ReferenceDef<R, T> {
  return def;
}
