import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventDefinition, EventEnvelope } from '@zhongtai/contracts';
import type { Clock } from './clock.js';
import { insertRaw, isDuplicateKey, modelOn } from './mongo/connection.js';

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

interface ProcessedDoc {
  _id: string;
  at: Date;
}
const processedSchema = new Schema<ProcessedDoc>({ _id: String, at: Date }, { versionKey: false });

/**
 * Remembers which events a consumer group has handled, so a redelivered event is skipped.
 * Handlers must still be idempotent: a crash after the handler and before `markDone` replays it.
 */
export class ProcessedEvents {
  private readonly model: Model<ProcessedDoc>;
  constructor(
    db: Connection,
    private readonly clock: Clock,
  ) {
    this.model = modelOn(db, 'ProcessedEvent', processedSchema, 'processed_events');
  }

  async seen(group: string, eventId: string): Promise<boolean> {
    return (await this.model.exists({ _id: `${group}|${eventId}` })) !== null;
  }

  async markDone(group: string, eventId: string): Promise<void> {
    try {
      await insertRaw(this.model, { _id: `${group}|${eventId}`, at: this.clock.now() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Wraps a handler so each event id is handled once per group (as far as the store can tell). */
  once(
    group: string,
    handler: (event: EventEnvelope) => Promise<void>,
  ): (event: EventEnvelope) => Promise<void> {
    return async (event) => {
      if (await this.seen(group, event.id)) return;
      await handler(event);
      await this.markDone(group, event.id);
    };
  }
}
