import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVICE_ENTRIES, isDeployable } from './entries.js';

/**
 * `node embedded/dist/services/run.js <service>`: runs one deployable in this process (the
 * container image's entry point; the multi-process mode's command per process). Unknown names are
 * refused with the list of known ones (exit 64, EX_USAGE).
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const name = process.argv[2] ?? '';
if (!isDeployable(name)) {
  console.error(
    `usage: node embedded/dist/services/run.js <service>\n  services: ${Object.keys(SERVICE_ENTRIES).join(', ')}` +
      (name ? `\n  "${name}" is not one of them` : ''),
  );
  process.exit(64);
}
await import(pathToFileURL(`${ROOT}${SERVICE_ENTRIES[name]}`).href);
