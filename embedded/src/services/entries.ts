/**
 * Every deployable of the platform by name, and the file its container runs: the image's entry
 * point is `node embedded/dist/services/run.js <name>` (Dockerfile), the Helm chart passes the name
 * as the container's argument, and the multi-process mode spawns the very same command per process.
 */
export const SERVICE_ENTRIES = {
  gateway: 'gateway/dist/main.js',
  member: 'subgraphs/member/dist/main.js',
  points: 'subgraphs/points/dist/main.js',
  orders: 'subgraphs/orders/dist/main.js',
  inventory: 'subgraphs/inventory/dist/main.js',
  'customer-service': 'subgraphs/customer-service/dist/main.js',
  content: 'subgraphs/content/dist/main.js',
  /** the legacy systems' pull sync (one active replica) */
  'adapters-sync': 'adapters/worker/dist/sync-main.js',
  /** the OMS's and WeChat's webhooks */
  'adapters-webhooks': 'adapters/worker/dist/webhooks-main.js',
  /** the demo brand: simulated legacy systems, their adapters, the seed (trial clusters, multi-process mode) */
  legacy: 'embedded/dist/services/legacy-main.js',
  /** the embedded MongoDB-compatible store over the wire (multi-process mode) */
  store: 'embedded/dist/services/store-main.js',
  /** everything in one process, as `npm start` */
  all: 'embedded/dist/main.js',
} as const;

export type DeployableName = keyof typeof SERVICE_ENTRIES;

/** the image's entry point, relative to the repository (and to the image's working directory) */
export const RUN_ENTRY = 'embedded/dist/services/run.js';

/** The command line a container (and the multi-process mode) runs for `name`. */
export const serviceCommand = (name: DeployableName) => `node ${RUN_ENTRY} ${name}`;

export function isDeployable(name: string): name is DeployableName {
  return Object.hasOwn(SERVICE_ENTRIES, name);
}
