import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SUPERGRAPH_DIR } from '@zhongtai/contracts';
import { type ContractReport, checkContract } from './contract-gap.js';
import { composeSupergraph } from './compose.js';

/** The published contract shared by the whole team (outside this repository's packages). */
export const CONTRACT_PATH = fileURLToPath(
  new URL('../../../../shared/contract/schema.graphql', import.meta.url),
);

const paths = {
  supergraph: `${SUPERGRAPH_DIR}supergraph.graphql`,
  /** the chart ships the supergraph to the gateway as a ConfigMap */
  helm: fileURLToPath(new URL('../../../helm/zhongtai/supergraph.graphql', import.meta.url)),
  api: `${SUPERGRAPH_DIR}api.graphql`,
  gap: `${SUPERGRAPH_DIR}contract-gap.json`,
};

/** A copy committed next to the supergraph, so that a clone without `../shared` can run the check. */
export const CONTRACT_COPY_PATH = `${SUPERGRAPH_DIR}contract.graphql`;

/** The shared contract when it is there (it is the source of truth), else the committed copy. */
export function readContract(): string {
  return readFileSync(existsSync(CONTRACT_PATH) ? CONTRACT_PATH : CONTRACT_COPY_PATH, 'utf8');
}

export function readArtifacts(): {
  supergraph?: string;
  helm?: string;
  api?: string;
  gap?: { missing: string[] };
} {
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);
  const gap = read(paths.gap);
  return {
    supergraph: read(paths.supergraph),
    helm: read(paths.helm),
    api: read(paths.api),
    gap: gap ? (JSON.parse(gap) as { missing: string[] }) : undefined,
  };
}

export async function regenerate(): Promise<{
  supergraphSdl: string;
  apiSdl: string;
  gap: ContractReport;
  paths: typeof paths;
}> {
  const composed = await composeSupergraph();
  const gap = await checkContract(readContract(), composed.apiSdl);
  return { supergraphSdl: composed.supergraphSdl, apiSdl: composed.apiSdl, gap, paths };
}
