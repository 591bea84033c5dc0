import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { API_SCHEMA, CHANNELS, PACKAGE_DIR } from './codegen.js';
import { outOfContract } from './channel-contracts.js';

const schema = buildSchema(readFileSync(API_SCHEMA, 'utf8'));
const operationsOf = (channel: string) =>
  readdirSync(`${PACKAGE_DIR}operations/${channel}`)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => ({
      file: `${channel}/${f}`,
      doc: parse(readFileSync(`${PACKAGE_DIR}operations/${channel}/${f}`, 'utf8')),
    }));

describe('channel contracts', () => {
  it.each(CHANNELS)('%s: every operation stays within the channel’s contract', (channel) => {
    for (const { file, doc } of operationsOf(channel))
      expect({ file, outside: outOfContract(schema, channel, doc) }).toEqual({ file, outside: [] });
  });

  it('fails an operation that reaches outside its channel, naming what it reaches', () => {
    // the member app asking for store metrics, another member, or the member's identities
    const app = parse(`query AppSneaky($id: ID!) {
      storeMetrics(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { orderCount }
      member(id: $id) { id }
      me { identities { externalId } }
    }`);
    expect(outOfContract(schema, 'app', app).sort()).toEqual([
      'Member.identities',
      'Query.member',
      'Query.storeMetrics',
    ]);
    // the store terminal adjusting points by hand (an HQ operation)
    const terminal = parse(
      `mutation StoreTerminalAdjust($i: AdjustPointsInput!) { adjustPoints(input: $i) { id } }`,
    );
    expect(outOfContract(schema, 'store-terminal', terminal)).toEqual(['Mutation.adjustPoints']);
  });
});
