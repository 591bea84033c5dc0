import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { SUPERGRAPH_DIR } from '@zhongtai/contracts';
import {
  CHANGELOG,
  RELEASED_API,
  RELEASED_DIR,
  RELEASED_VERSION,
  changelogEntry,
  changesSince,
  readRelease,
} from './releases.js';

/**
 * `npm run schema:release -- <version>`: the committed API becomes the released one; the changes since
 * the last release go on top of the changelog. Breaking changes need a new major version.
 */
const version = process.argv[2] ?? '';
if (!/^\d+\.\d+\.\d+$/.test(version)) {
  console.error('usage: npm run schema:release -- <major.minor.patch>');
  process.exit(64);
}
const current = readFileSync(`${SUPERGRAPH_DIR}api.graphql`, 'utf8');
const previous = readRelease();
const changes = previous
  ? await changesSince(previous.sdl, current)
  : { breaking: [], dangerous: [], safe: ['First release of the API.'] };
if (previous && changes.breaking.length && version.split('.')[0] === previous.version.split('.')[0]) {
  console.error(
    `breaking changes since ${previous.version} need a new major version:\n  ${changes.breaking.join('\n  ')}`,
  );
  process.exit(1);
}
const date = new Date().toISOString().slice(0, 10);
mkdirSync(RELEASED_DIR, { recursive: true });
writeFileSync(RELEASED_API, current);
writeFileSync(RELEASED_VERSION, `${JSON.stringify({ version, date }, null, 2)}\n`);
const header =
  '# API changelog\n\nWritten by `npm run schema:release`; the reference is [API.md](API.md).\n\n';
const before = existsSync(CHANGELOG) ? readFileSync(CHANGELOG, 'utf8').replace(header, '') : '';
writeFileSync(CHANGELOG, `${header}${changelogEntry(version, date, changes)}\n${before}`);
console.log(
  `API ${version} released (${changes.breaking.length} breaking, ${changes.safe.length} safe changes)`,
);
