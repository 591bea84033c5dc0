import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type ContainerType, type NonEmptyArray } from 'type-graphql';
import { DateTimeScalar } from './scalars.js';

/* eslint-disable @typescript-eslint/no-unsafe-function-type, @typescript-eslint/no-explicit-any */

/** Federation 2 directives the subgraphs may use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (ref: any, ctx: any, info: any) => unknown }
>;

export interface SubgraphSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** resolver instances (constructed with their services) keyed by class */
  instances?: object[];
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name, batched with DataLoader by the caller */
  references?: ReferenceResolvers;
}

export interface BuiltSubgraphSchema {
  schema: GraphQLSchema;
  /** the subgraph SDL with federation directives, as composition sees it */
  sdl: string;
}

/**
 * type-graphql classes → SDL with directives → `buildSubgraphSchema`, with type-graphql's
 * resolvers and the entity reference resolvers merged (the route of type-graphql's
 * `examples/apollo-federation-2/helpers/buildFederatedSchema.ts`).
 */
export async function buildFederatedSchema(opts: SubgraphSchemaOptions): Promise<BuiltSubgraphSchema> {
  const byClass = new Map<Function, object>((opts.instances ?? []).map((i) => [i.constructor, i]));
  const container: ContainerType = {
    get(someClass: any) {
      const found = byClass.get(someClass);
      if (found) return found;
      // resolvers without dependencies may be constructed on demand
      const made = new someClass();
      byClass.set(someClass, made);
      return made;
    },
  };
  const tgSchema = await buildSchema({
    resolvers: opts.resolvers,
    orphanedTypes: opts.orphanedTypes,
    container,
    skipCheck: true,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    emitSchemaFile: false,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(tgSchema)}`;
  const resolvers = createResolversMap(tgSchema) as Record<string, any>;
  for (const [typeName, ref] of Object.entries(opts.references ?? {})) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: ref.__resolveReference,
    } as any;
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
