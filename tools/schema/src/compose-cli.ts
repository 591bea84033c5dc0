import { writeFileSync } from 'node:fs';
import { readArtifacts, regenerate } from './artifacts.js';
import { API_DOCS, breakingReport, changesSince, readRelease, renderApiDocs } from './releases.js';

/** `npm run schema:compose`: regenerates the committed supergraph, API schema and contract gap. */
const before = readArtifacts();
const next = await regenerate();
if (before.gap) {
  const grown = next.gap.missing.filter((c) => !before.gap!.missing.includes(c));
  if (grown.length) {
    console.error(`The contract gap may only shrink; these are newly missing:\n  ${grown.join('\n  ')}`);
    process.exit(1);
  }
}
if (next.gap.incompatible.length) {
  console.error(`The API breaks the published contract:\n  ${next.gap.incompatible.join('\n  ')}`);
  process.exit(1);
}
const release = readRelease();
if (release) {
  const changes = await changesSince(release.sdl, next.apiSdl);
  if (changes.breaking.length) {
    console.error(breakingReport(release, changes));
    process.exit(1);
  }
}
writeFileSync(API_DOCS, renderApiDocs(next.apiSdl));
writeFileSync(next.paths.supergraph, next.supergraphSdl);
writeFileSync(next.paths.helm, next.supergraphSdl);
writeFileSync(next.paths.api, next.apiSdl);
writeFileSync(next.paths.gap, `${JSON.stringify({ missing: next.gap.missing }, null, 2)}\n`);
console.log(`supergraph written; ${next.gap.missing.length} contract coordinates still missing`);
