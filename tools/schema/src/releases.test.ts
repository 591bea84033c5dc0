import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { SUPERGRAPH_DIR } from '@zhongtai/contracts';
import { breakingReport, changelogEntry, changesSince, readRelease, renderApiDocs } from './releases.js';

const BEFORE = `"""A member""" type Member { id: ID!  phone: String  points: Int! }
type Query { member(id: ID!): Member  me: Member }`;

describe('schema governance', () => {
  it('finds a breaking change and says which, with what to do instead', async () => {
    // a field removed and an argument made required: channel apps built on the release would fail
    const after = `type Member { id: ID!  points: Int! }
      type Query { member(id: ID!, tenant: String!): Member  me: Member }`;
    const changes = await changesSince(BEFORE, after);
    expect(changes.breaking.join('\n')).toMatch(/Member\.phone/);
    expect(changes.breaking.join('\n')).toMatch(/tenant/);
    const report = breakingReport({ version: '0.1.0', date: '2026-12-01', sdl: BEFORE }, changes);
    expect(report).toMatch(/released as 0\.1\.0/);
    expect(report).toMatch(/✗ .*Member\.phone/);
    expect(report).toMatch(/@deprecated/);
  });

  it('lets additions through and writes them into the changelog', async () => {
    const after = `"""A member""" type Member { id: ID!  phone: String  points: Int!  tier: String }
      type Query { member(id: ID!): Member  me: Member }`;
    const changes = await changesSince(BEFORE, after);
    expect(changes.breaking).toEqual([]);
    const entry = changelogEntry('0.2.0', '2026-12-02', changes);
    expect(entry).toMatch(/^## 0\.2\.0 — 2026-12-02/);
    expect(entry).toMatch(/### Added and safe\n\n- .*Member\.tier/);
  });

  it('refuses a deliberately breaking change of the real API (a field the channels read removed)', async () => {
    const release = readRelease()!;
    const api = readFileSync(`${SUPERGRAPH_DIR}api.graphql`, 'utf8');
    // the composed API without PointsAccount.balance: every channel's points display would break
    const start = api.indexOf('type PointsAccount {');
    const end = api.indexOf('\n}', start);
    const broken =
      api.slice(0, start) + api.slice(start, end).replace(/\n\s*balance: Int!/, '') + api.slice(end);
    expect(broken).not.toBe(api);
    const changes = await changesSince(release.sdl, broken);
    expect(changes.breaking.join('\n')).toMatch(/PointsAccount\.balance/);
    expect(breakingReport(release, changes)).toMatch(/✗ .*PointsAccount\.balance/);
  });

  it('keeps the committed API compatible with the last release, and documents every type', async () => {
    const release = readRelease()!;
    expect(release.version).toMatch(/^\d+\.\d+\.\d+$/);
    const api = readFileSync(`${SUPERGRAPH_DIR}api.graphql`, 'utf8');
    expect((await changesSince(release.sdl, api)).breaking).toEqual([]);
    const docs = renderApiDocs(api);
    expect(docs).toMatch(/^## type Query$/m);
    expect(docs).toMatch(/^## type Member$/m);
    expect(docs).toMatch(/\| `redeemPoints\(input: RedeemPointsInput!\)` \| `PointsEntry!` \|/);
  });
});
