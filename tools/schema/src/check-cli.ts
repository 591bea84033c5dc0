import { existsSync, readFileSync } from 'node:fs';
import { readArtifacts, regenerate } from './artifacts.js';
import { API_DOCS, breakingReport, changesSince, readRelease, renderApiDocs } from './releases.js';

/** `npm run schema:check` (CI): fails when committed artifacts are stale or the contract is broken. */
const committed = readArtifacts();
const next = await regenerate();
const problems: string[] = [];
if (committed.supergraph !== next.supergraphSdl)
  problems.push('contracts/supergraph/supergraph.graphql is stale: run `npm run schema:compose` and commit');
if (committed.helm !== next.supergraphSdl)
  problems.push('helm/zhongtai/supergraph.graphql is stale: run `npm run schema:compose` and commit');
if (committed.api !== next.apiSdl)
  problems.push('contracts/supergraph/api.graphql is stale: run `npm run schema:compose` and commit');
const recorded = new Set(committed.gap?.missing ?? []);
const grown = next.gap.missing.filter((c) => !recorded.has(c));
if (grown.length) problems.push(`the contract gap grew (may only shrink): ${grown.join(', ')}`);
const shrunk = [...recorded].filter((c) => !next.gap.missing.includes(c));
if (shrunk.length)
  problems.push(
    `the contract gap shrank but contract-gap.json still lists: ${shrunk.join(', ')} — run \`npm run schema:compose\``,
  );
for (const i of next.gap.incompatible) problems.push(`breaks the contract: ${i}`);
// governance: nothing released may break, and the reference is the API's
const release = readRelease();
if (!release)
  problems.push('contracts/supergraph/released/ is missing: run `npm run schema:release -- 0.1.0`');
else {
  const changes = await changesSince(release.sdl, next.apiSdl);
  if (changes.breaking.length) problems.push(breakingReport(release, changes));
}
if (!existsSync(API_DOCS) || readFileSync(API_DOCS, 'utf8') !== renderApiDocs(next.apiSdl))
  problems.push('contracts/supergraph/API.md is stale: run `npm run schema:compose` and commit');
if (problems.length) {
  console.error(`Schema check failed:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(
  `schema check passed: supergraph fresh, contract kept, ${next.gap.missing.length} coordinates still to serve`,
);
