import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** the package's folder (absolute: codegen resolves its paths from here, wherever it is run from) */
export const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
export const GENERATED_DIR = `${PACKAGE_DIR}src/generated/`;
export const API_SCHEMA = fileURLToPath(new URL('../../supergraph/api.graphql', import.meta.url));
export const CHANNELS = ['app', 'mall', 'mini-program', 'store-terminal'] as const;

/** The gateway's registered operations are keyed by the sha256 (hex) of their exact text. */
export const operationId = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * @graphql-codegen's client preset over the composed API schema and every channel's operations: typed
 * document nodes with their result and variable types (`src/generated/graphql.ts`), and
 * `persisted-documents.json` — `{ "<sha256>": "<document>" }`, the manifest the gateway's production
 * mode accepts (`GATEWAY_OPERATIONS=registered`, `GATEWAY_OPERATIONS_MANIFEST`). cli 6 / client-preset 5:
 * their later majors need Node 22.
 */
export const codegenConfig: CodegenConfig = {
  schema: API_SCHEMA,
  documents: CHANNELS.map((c) => `${PACKAGE_DIR}operations/${c}/*.graphql`),
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    [GENERATED_DIR]: {
      preset: 'client',
      config: {
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: operationId },
      },
    },
  },
};
