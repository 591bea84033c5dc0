import { readFileSync, readdirSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, parse } from 'graphql';
import { outOfContract } from './channel-contracts.js';
import { API_SCHEMA, CHANNELS, PACKAGE_DIR, codegenConfig } from './codegen.js';

/**
 * `npm run client:generate`: checks every channel's operations against its contract (refusing, with
 * what each reaches outside it), then writes the typed client and the manifest (commit the result).
 */
const schema = buildSchema(readFileSync(API_SCHEMA, 'utf8'));
const problems: string[] = [];
for (const channel of CHANNELS)
  for (const file of readdirSync(`${PACKAGE_DIR}operations/${channel}`).filter((f) =>
    f.endsWith('.graphql'),
  )) {
    const outside = outOfContract(
      schema,
      channel,
      parse(readFileSync(`${PACKAGE_DIR}operations/${channel}/${file}`, 'utf8')),
    );
    if (outside.length)
      problems.push(`${channel}/${file} reaches outside the ${channel} contract: ${outside.join(', ')}`);
  }
if (problems.length) {
  console.error(
    `client: not generated\n  ${problems.join('\n  ')}\n(contracts/client/src/channel-contracts.ts)`,
  );
  process.exit(1);
}
const files = await generate(codegenConfig, true);
console.log(`client: ${files.length} files written`);
