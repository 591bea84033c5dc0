import { randomUUID } from 'node:crypto';
import type { EventDefinition, EventEnvelope } from '@zhongtai/contracts';
import type { Clock } from './clock.js';

/** Builds a validated envelope. Pass a deterministic `id` when the fact has a natural key. */
export function makeEvent<P>(
  def: EventDefinition<string, P>,
  fields: { tenant: string; key: string; producer: string; payload: P; id?: string; clock: Clock },
): EventEnvelope<P> {
  const payload = def.payload.parse(fields.payload);
  return {
    id: fields.id ?? randomUUID(),
    type: def.type,
    version: def.version,
    tenant: fields.tenant,
    occurredAt: fields.clock.now().toISOString(),
    producer: fields.producer,
    key: fields.key,
    payload,
  };
}
