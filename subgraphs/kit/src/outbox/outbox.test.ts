import mongoose, { type Connection } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { EventBus } from '../bus/event-bus.js';
import { MemoryEventBus } from '../bus/memory-bus.js';
import { ManualClock } from '../clock.js';
import { silentLogger } from '../logging.js';
import { type EmbeddedMongo, startEmbeddedMongo } from '../mongo/embedded-server.js';
import { Outbox } from './outbox.js';

let server: EmbeddedMongo;
let db: Connection;
beforeAll(async () => {
  server = await startEmbeddedMongo();
  db = await mongoose
    .createConnection(server.uri, { dbName: 'outbox', serverSelectionTimeoutMS: 3000 })
    .asPromise();
});
afterAll(async () => {
  await db.close();
  await server.stop();
});

const event = (id: string): EventEnvelope => ({
  id,
  type: 'member.identified',
  version: 1,
  tenant: 'demo',
  occurredAt: new Date().toISOString(),
  producer: 't',
  key: 'k',
  payload: {},
});

/** A bus that fails while `down` is true, like Redis during a restart. */
class FlakyBus extends MemoryEventBus {
  down = false;
  published: string[] = [];
  override async publish(e: EventEnvelope): Promise<void> {
    if (this.down) throw new Error('bus down');
    this.published.push(e.id);
    await super.publish(e);
  }
}

describe('Outbox', () => {
  it('publishes once per event id, however often it is emitted', async () => {
    const bus = new FlakyBus();
    const outbox = new Outbox(db, bus as EventBus, new ManualClock(), silentLogger());
    await outbox.emit(event('e1'));
    await outbox.emit(event('e1'), event('e2'));
    expect(bus.published).toEqual(['e1', 'e2']);
    expect(await outbox.pendingCount()).toBe(0);
  });

  it('keeps events while the bus is down and the relay sends them in order when it is back', async () => {
    const bus = new FlakyBus();
    const clock = new ManualClock();
    const outbox = new Outbox(db, bus as EventBus, clock, silentLogger());
    bus.down = true;
    await outbox.emit(event('f1'));
    clock.advance(10);
    await outbox.emit(event('f2'));
    expect(await outbox.pendingCount()).toBe(2);
    expect(await outbox.relay(0)).toBe(0);
    bus.down = false;
    expect(await outbox.relay(0)).toBe(2);
    expect(bus.published).toEqual(['f1', 'f2']);
    expect(await outbox.pendingCount()).toBe(0);
  });
});
