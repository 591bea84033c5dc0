import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { PlatformSink } from '@zhongtai/adapter-kit';
import { DEV_INTERNAL_SECRET, httpServiceCall } from '@zhongtai/subgraph-kit';
import { FileCheckpoints } from './checkpoints.js';
import { importCsv } from './importer.js';
import { isRejection, kindOf, slowDown } from './kinds.js';
import { progressReporter } from './progress.js';

/**
 * `npm run import -- --kind orders --file orders.csv [--gateway http://127.0.0.1:4000/graphql] [--tenant demo] [--concurrency 8] [--batch 200]`
 * Rows go in batches of `--batch` (`importOrders`, `identifyMembers`, `importOpeningBalances`; 1: one call per
 * row), two batches in flight by default.
 * Kill it at any time (Ctrl-C) and run the same command again: it resumes after the last checkpoint.
 */
const { values } = parseArgs({
  options: {
    kind: { type: 'string' },
    file: { type: 'string' },
    gateway: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql' },
    tenant: { type: 'string', default: 'demo' },
    concurrency: { type: 'string' },
    batch: { type: 'string', default: '200' },
  },
});
if (!values.file || !['orders', 'members', 'balances'].includes(values.kind ?? '')) {
  console.error(
    'usage: npm run import -- --kind orders|members|balances --file <csv> [--gateway URL] [--tenant demo] [--concurrency 8] [--batch 200]',
  );
  process.exit(2);
}
const kind = values.kind as 'orders' | 'members' | 'balances';
const batch = Math.max(1, Math.min(500, Number(values.batch)));
// rows in flight: two batches, else 8
const concurrency = Number(values.concurrency ?? (batch > 1 ? 2 * batch : 8));
const sink = new PlatformSink(
  httpServiceCall({
    url: () => values.gateway!,
    // a service credential: the platform's internal key (the development one unless set)
    secret: process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET,
    service: 'import',
    timeoutMs: 30_000,
  }),
  values.tenant!,
);
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
const progress = progressReporter(`${kind} ${basename(values.file)}`);
try {
  const r = await importCsv({
    file: values.file,
    name: `${kind}:${basename(values.file)}`,
    checkpoints: new FileCheckpoints(`${values.file}.checkpoint.json`),
    ...kindOf(kind, sink, batch),
    isRejection,
    slowDown,
    concurrency,
    rejectedFile: `${values.file}.rejected.csv`,
    onProgress: progress.update,
    signal: controller.signal,
  } as Parameters<typeof importCsv>[0]);
  progress.stop();
  console.log(
    `${controller.signal.aborted ? 'stopped' : 'done'}: ${r.done} rows (resumed from ${r.resumedFrom}), ${r.rejected} rejected (${values.file}.rejected.csv), ${r.rowsPerSecond} rows/s`,
  );
} catch (error) {
  progress.stop();
  console.error(`import stopped: ${(error as Error).message} — run the same command again to resume`);
  process.exit(1);
}
