import type { Row } from './rows.js';

export interface Report {
  at: string;
  commit: string;
  options: Record<string, number>;
  rows: Array<Row & { vsLookup?: number; vsVanilla?: number }>;
}

const LOOKUP = '(c-local) our gateway, in-process';
const VANILLA = '(b) vanilla @apollo/gateway';
const key = (r: Row) => `${r.scenario} | ${r.operation}`;

/** The rows with their ratios to the member lookup (all-in-one) and to the vanilla gateway of this run. */
export function report(rows: Row[], meta: Omit<Report, 'rows'>): Report {
  const lookup = rows.find((r) => r.scenario === 'member lookup' && r.operation === LOOKUP)?.rate;
  const vanilla = rows.find((r) => r.scenario === 'member lookup' && r.operation === VANILLA)?.rate;
  const ratio = (x: number, y?: number) => (y && x ? Math.round((x / y) * 100) / 100 : undefined);
  return {
    ...meta,
    rows: rows.map((r) => ({
      ...r,
      ...(r.unit === 'req/s' ? { vsLookup: ratio(r.rate, lookup), vsVanilla: ratio(r.rate, vanilla) } : {}),
    })),
  };
}

const cell = (v: number | undefined, digits = 0) => (v === undefined ? '' : v.toFixed(digits));

/** The report as a markdown table; with `previous`, the change of each rate since that run. */
export function table(r: Report, previous?: Report): string[] {
  const before = new Map((previous?.rows ?? []).map((p) => [key(p), p]));
  const change = (row: Row) => {
    const p = before.get(key(row));
    if (!p?.rate) return '';
    const pct = Math.round(((row.rate - p.rate) / p.rate) * 100);
    return `${pct >= 0 ? '+' : ''}${pct}% (${p.rate})`;
  };
  return [
    `One run of every scenario (${r.at}, ${r.commit}; -c ${r.options.connections} -d ${r.options.seconds}, ${r.options.orders} orders). Ratios: to the member lookup on the all-in-one process (c-local) and to the vanilla @apollo/gateway (b) of this run.${previous ? ` Change: since ${previous.commit} (${previous.at}).` : ''}`,
    '',
    '| scenario | operation | rate | p50 ms | p99 ms | db commands / op | × lookup | × vanilla |' +
      (previous ? ' change |' : ''),
    '|---|---|---:|---:|---:|---:|---:|---:|' + (previous ? '---:|' : ''),
    ...r.rows.map(
      (x) =>
        `| ${x.scenario} | ${x.operation} | ${x.rate} ${x.unit} | ${cell(x.p50Ms)} | ${cell(x.p99Ms)} | ${cell(x.commands, 1)} | ${cell(x.vsLookup, 2)} | ${cell(x.vsVanilla, 2)} |` +
        (previous ? ` ${change(x)} |` : ''),
    ),
  ];
}
