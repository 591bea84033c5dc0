import { z } from 'zod';

/**
 * Every domain event travels in this envelope. Delivery is at least once: consumers dedupe on
 * `id` (deterministic where the producer can make it so) and must tolerate out-of-order arrival.
 */
export const EventEnvelopeSchema = z.object({
  id: z.string().min(1).max(256),
  /** `noun.pastTenseVerb`, e.g. `order.completed` */
  type: z.string().regex(/^[a-z]+(\.[a-zA-Z]+)+$/),
  version: z.number().int().positive(),
  tenant: z.string().min(1),
  occurredAt: z.iso.datetime(),
  /** the subgraph or adapter that produced it */
  producer: z.string().min(1),
  /** aggregate id; events with the same key are delivered in publish order within one stream */
  key: z.string().min(1),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'payload'> & {
  payload: P;
};

export interface EventDefinition<Name extends string = string, P = unknown> {
  /** e.g. `order.completed` */
  readonly type: Name;
  readonly version: number;
  /** e.g. `order.completed.v1`: a published name is never reshaped */
  readonly name: `${Name}.v${number}`;
  readonly payload: z.ZodType<P, unknown>;
}

export function defineEvent<Name extends string, S extends z.ZodType>(
  type: Name,
  version: number,
  payload: S,
): EventDefinition<Name, z.infer<S>> {
  return { type, version, name: `${type}.v${version}`, payload: payload as z.ZodType<z.infer<S>, unknown> };
}

export type PayloadOf<D> = D extends EventDefinition<string, infer P> ? P : never;
