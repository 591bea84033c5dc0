import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { seededRandom } from '@zhongtai/adapter-kit';

/**
 * `npm run import:generate -- --rows 1000000 --out orders.csv [--bad 0.001]`: a deterministic
 * historical-orders export (one order per row), with a small share of broken rows to exercise the report.
 */
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    out: { type: 'string', default: 'orders.csv' },
    bad: { type: 'string', default: '0.001' },
  },
});
const rows = Number(values.rows);
const badShare = Number(values.bad);
const rnd = seededRandom(20260501);
const stores = ['store-sh-001', 'store-sh-002', 'store-bj-001'];
const out = createWriteStream(values.out!);
const write = async (line: string) => {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
};
await write(
  'source,external_id,channel,store_id,buyer_channel,buyer_external_id,buyer_phone,lines,currency,placed_at,status',
);
const start = Date.UTC(2023, 0, 1);
const span = Date.UTC(2026, 5, 1) - start;
for (let n = 1; n <= rows; n++) {
  const lines = Array.from(
    { length: 1 + Math.floor(rnd() * 3) },
    () =>
      `SKU-${String(1 + Math.floor(rnd() * 50)).padStart(4, '0')}:${1 + Math.floor(rnd() * 3)}:${500 + Math.floor(rnd() * 20_000)}`,
  ).join('|');
  const card = rnd() < 0.85 ? `CARD${String(Math.floor(rnd() * 100_000)).padStart(6, '0')}` : '';
  const placed = new Date(start + Math.floor(rnd() * span)).toISOString();
  const broken = rnd() < badShare;
  await write(
    [
      'pos-history',
      `H${String(n).padStart(8, '0')}`,
      'STORE',
      stores[n % 3],
      card ? 'STORE' : '',
      card,
      '',
      broken ? 'SKU-0001:zero:100' : lines,
      'CNY',
      placed,
      'COMPLETED',
    ].join(','),
  );
}
out.end();
await once(out, 'finish');
console.log(`wrote ${rows} rows to ${values.out}`);
