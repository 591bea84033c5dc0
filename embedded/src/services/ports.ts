/**
 * The processes of the multi-process mode (`npm run start:services`) and where each one listens.
 * Every port follows from the gateway's `PORT`, so two copies on one machine need only two PORTs.
 */

/** The six subgraphs, in the order of their ports (PORT+1 … PORT+6, as `npm start`'s SUBGRAPH_PORT_BASE). */
export const SUBGRAPH_NAMES = [
  'member',
  'points',
  'orders',
  'inventory',
  'customer-service',
  'content',
] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Every process the supervisor may run, in start order (it stops them in the reverse order). */
export const SERVICE_NAMES = ['redis', 'store', ...SUBGRAPH_NAMES, 'gateway', 'legacy'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServicePorts {
  gateway: number;
  subgraphs: Record<SubgraphName, number>;
  /** the embedded store (MongoDB wire protocol) */
  store: number;
  /** the supervisor's own redis-server */
  redis: number;
  /** the legacy/demo process: `/healthz`, `/readyz` (with the simulators' URLs) */
  legacy: number;
  /** the legacy/demo process's webhook receiver (`/webhooks/oms`, `/webhooks/wechat`) */
  webhooks: number;
  /** the WMS simulator (the inventory subgraph reads stock from it through the wms-legacy adapter) */
  wms: number;
  /** the message-gateway simulator (customer service sends surveys, apologies and store alerts to it) */
  notify: number;
}

/** Offsets from `PORT` (README, "Multi-process mode"). */
export const PORT_OFFSETS = { store: 10, redis: 11, legacy: 12, webhooks: 13, wms: 14, notify: 15 } as const;
/** the highest offset used: a base port must leave room for it */
export const PORT_SPAN = 15;

export function servicePorts(base: number): ServicePorts {
  if (!Number.isInteger(base) || base < 1 || base + PORT_SPAN > 65535)
    throw new Error(
      `PORT must be between 1 and ${65535 - PORT_SPAN} in the multi-process mode (got ${base})`,
    );
  return {
    gateway: base,
    subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, base + 1 + i])) as Record<
      SubgraphName,
      number
    >,
    store: base + PORT_OFFSETS.store,
    redis: base + PORT_OFFSETS.redis,
    legacy: base + PORT_OFFSETS.legacy,
    webhooks: base + PORT_OFFSETS.webhooks,
    wms: base + PORT_OFFSETS.wms,
    notify: base + PORT_OFFSETS.notify,
  };
}

/** `SUBGRAPH_<NAME>_URL`, the gateway deployable's variable for a subgraph. */
export const subgraphUrlEnv = (name: SubgraphName) => `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;
