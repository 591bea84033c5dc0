import { fileURLToPath } from 'node:url';
import { type Kind, KINDS, scaffoldAdapter } from './scaffold.js';

/** `npm run adapter:new -- <kind> <name>` */
const [kind, name] = process.argv.slice(2);
try {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const files = scaffoldAdapter(root, kind as Kind, name);
  console.log(
    `created adapters/${name} (${files.length} files). Next: npm install && npm test — the ${kind} conformance suite fails until the adapter is implemented.`,
  );
} catch (error) {
  console.error(
    `adapter:new: ${(error as Error).message}\nusage: npm run adapter:new -- <${KINDS.join('|')}> <name>`,
  );
  process.exit(2);
}
