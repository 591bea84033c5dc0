import { generate } from '@graphql-codegen/cli';
import { codegenConfig } from './codegen.js';

/** `npm run client:generate`: writes the typed client and the manifest (commit the result). */
const files = await generate(codegenConfig, true);
console.log(`client: ${files.length} files written`);
