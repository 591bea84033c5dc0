import { type EventEnvelope, parseEvent } from '@zhongtai/contracts';

/**
 * A `SubscribeOptions.batch` handler for a consumer that applies one kind of event in bulk: each event
 * `pick` maps to an item is collected per tenant, and the items are applied with `apply` once the batch
 * is gone through; any other event is handled alone by `handle`, in order.
 */
export function batchPerTenant<T>(
  pick: (event: EventEnvelope) => T | undefined,
  apply: (tenant: string, items: T[]) => Promise<void>,
  handle: (raw: EventEnvelope) => Promise<void>,
): (raws: EventEnvelope[]) => Promise<void> {
  return async (raws) => {
    const items = new Map<string, T[]>();
    for (const raw of raws) {
      const e = parseEvent(raw);
      const item = pick(e);
      if (item === undefined) {
        await handle(raw);
        continue;
      }
      const list = items.get(e.tenant);
      if (list) list.push(item);
      else items.set(e.tenant, [item]);
    }
    for (const [tenant, list] of items) await apply(tenant, list);
  };
}
