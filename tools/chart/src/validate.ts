import type { Manifest } from './render.js';

/**
 * Validates a manifest against the Kubernetes OpenAPI schemas offline, with the validators the
 * `kubernetes-models` packages compile from them (and the Prometheus operator's CRDs from
 * `@kubernetes-models/prometheus-operator`). Resolves with the problems (empty when valid).
 */
export async function validateManifest(m: Manifest): Promise<string[]> {
  const where = `${m.kind}/${m.metadata?.name}`;
  const module = modulePath(m.apiVersion, m.kind);
  if (!module) return [`${where}: no schema for ${m.apiVersion} ${m.kind}`];
  let Model: Model | undefined;
  try {
    Model = (await load(module))[m.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return [`${where}: ${m.apiVersion} ${m.kind} is not a known Kubernetes kind`];
  try {
    new Model(m).validate();
    return [];
  } catch (error) {
    return [`${where}: ${(error as Error).message}`];
  }
}

type Model = new (data: unknown) => { validate(): void };
const loaded = new Map<string, Promise<Record<string, Model>>>();
/** one import per module (a kind's validators are shared by all its manifests) */
function load(module: string): Promise<Record<string, Model>> {
  let p = loaded.get(module);
  if (!p) loaded.set(module, (p = import(module)));
  return p;
}

/** Every manifest validated, one after the other; the problems of all. */
export async function validateManifests(ms: Manifest[]): Promise<string[]> {
  const problems: string[] = [];
  for (const m of ms) problems.push(...(await validateManifest(m)));
  return problems;
}

function modulePath(apiVersion: string, kind: string): string | undefined {
  if (!/^[A-Za-z]+$/.test(kind)) return undefined;
  if (apiVersion === 'v1') return `kubernetes-models/v1/${kind}`;
  const [group, version] = apiVersion.split('/');
  if (!group || !version || !/^[a-z0-9.-]+$/.test(group) || !/^v[0-9a-z]+$/.test(version)) return undefined;
  if (group === 'monitoring.coreos.com')
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}
