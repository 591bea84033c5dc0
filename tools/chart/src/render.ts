import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT, helm } from './helm.js';

export const CHART = join(ROOT, 'helm', 'zhongtai');

/** A rendered manifest (the fields every Kubernetes object has). */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

export interface RenderOptions {
  /** values files, after the chart's own values.yaml (paths relative to the repository) */
  values?: string[];
  /**
   * `key.path: value` pairs, last (as `--set`, but written to a values file: commas and dots in
   * values stay as they are; integers and true/false are typed as `--set` types them)
   */
  set?: Record<string, string | number | boolean>;
  release?: string;
  namespace?: string;
}

const typed = (v: string | number | boolean) =>
  typeof v !== 'string'
    ? v
    : /^-?[0-9]+$/.test(v)
      ? Number(v)
      : v === 'true'
        ? true
        : v === 'false'
          ? false
          : v;

/** helm's arguments for these values; `done` removes the temporary file */
function valueArgs(opts: RenderOptions): { args: string[]; done: () => void } {
  const args = (opts.values ?? []).flatMap((f) => ['--values', join(ROOT, f)]);
  if (!opts.set || !Object.keys(opts.set).length) return { args, done: () => {} };
  const tree: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(opts.set)) {
    const keys = path.split('.');
    let at = tree;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = typed(value);
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhongtai-values-'));
  const file = join(dir, 'set.json');
  writeFileSync(file, JSON.stringify(tree));
  return { args: [...args, '--values', file], done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `helm template`: every manifest the chart renders with these values. */
export async function renderChart(opts: RenderOptions = {}): Promise<Manifest[]> {
  const values = valueArgs(opts);
  const out = await helm([
    'template',
    opts.release ?? 'zt',
    CHART,
    '--namespace',
    opts.namespace ?? 'zhongtai',
    ...values.args,
  ]).finally(values.done);
  return parseAllDocuments(out)
    .map((d) => {
      if (d.errors.length) throw new Error(`rendered YAML does not parse: ${d.errors[0].message}`);
      return d.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => !!m);
}

/** `helm lint --strict`: its output, or an error with the findings. */
export function lintChart(opts: RenderOptions = {}): Promise<string> {
  const values = valueArgs(opts);
  return helm(['lint', '--strict', CHART, ...values.args]).finally(values.done);
}
