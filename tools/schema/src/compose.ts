import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { SUBGRAPHS } from './subgraphs.js';

export interface Composed {
  supergraphSdl: string;
  /** the client-facing schema: what front ends see through the gateway */
  apiSdl: string;
  subgraphSdls: Record<string, string>;
}

/** Composes the six subgraphs with @apollo/composition (there is no rover here); throws on errors. */
export async function composeSupergraph(): Promise<Composed> {
  const subgraphSdls: Record<string, string> = {};
  const services = [];
  for (const s of SUBGRAPHS) {
    const sdl = await s.sdl();
    subgraphSdls[s.name] = sdl;
    services.push({ name: s.name, url: s.url, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  const supergraphSdl = result.supergraphSdl;
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return { supergraphSdl, apiSdl: printSchema(lexicographicSortSchema(api)), subgraphSdls };
}
