import mongoose, { type Connection } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { EventBus } from '../bus/event-bus.js';
import { MemoryEventBus } from '../bus/memory-bus.js';
import { ManualClock } from '../clock.js';
import { silentLogger } from '../logging.js';
import { type EmbeddedMongo, startEmbeddedMongo } from '../mongo/embedded-server.js';
import { eventsField } from './document-events.js';
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

/** A consumer group on `bus` whose handler holds each event until `release()` (an event in delivery). */
async function slowGroup(bus: MemoryEventBus): Promise<() => void> {
  let release: () => void = () => undefined;
  await bus.subscribe({
    group: 'slow',
    events: ['member.identified.v1'],
    handler: () => new Promise<void>((resolve) => (release = resolve)),
  });
  return () => release();
}

describe('Outbox', () => {
  it('publishes once per event id, however often it is emitted', async () => {
    const bus = new FlakyBus();
    const outbox = new Outbox(db, bus as EventBus, new ManualClock(), silentLogger());
    await outbox.emit(event('e1'));
    await outbox.emit(event('e1'), event('e2'));
    expect(bus.published).toEqual(['e1', 'e2']);
    await outbox.settled(); // the in-process bus: sent once delivered
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
    await outbox.settled(); // marked sent together, a few milliseconds later
    expect(await outbox.pendingCount()).toBe(0);
  });
});

describe('Outbox on the in-process bus: nothing that only sat in memory is lost', () => {
  it('keeps an event pending until every group handled it, and relays it after a restart', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const before = new MemoryEventBus();
    // the consumer is still working on it when the process dies
    const release = await slowGroup(before);
    const outbox = new Outbox(db, before, clock, silentLogger());
    await outbox.emit(event('mem-1'));
    expect(await outbox.pendingCount()).toBe(1);
    // "kill -9": a new process with a new bus; the old one's queue is gone
    const after = new MemoryEventBus();
    const handled: string[] = [];
    await after.subscribe({
      group: 'slow',
      events: ['member.identified.v1'],
      handler: async (e) => void handled.push(e.id),
    });
    const restarted = new Outbox(db, after, clock, silentLogger());
    clock.advance(5_000);
    expect(await restarted.relay()).toBe(1);
    await after.drain();
    await restarted.settled();
    expect(handled).toEqual(['mem-1']);
    expect(await restarted.pendingCount()).toBe(0);
    release();
  });

  it('publishes events a crash left on a document, once, and clears them', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const bus = new FlakyBus();
    const outbox = new Outbox(db, bus, clock, silentLogger());
    const Thing = db.model('Thing', new mongoose.Schema({ _id: String, n: Number }, { strict: false }));
    await outbox.watch(Thing);
    // the state change and its event in one write, then the process dies before emitting
    await Thing.collection.insertOne({
      _id: 't1',
      n: 1,
      ...eventsField([event('doc-1')], clock.now()),
    } as never);
    clock.advance(5_000);
    // its lag (metrics): one event waiting, written 5 s ago
    expect(await outbox.lag()).toEqual({ pending: 1, oldestSeconds: 5 });
    expect(await outbox.relay()).toBe(1);
    await outbox.settled();
    expect(await outbox.relay()).toBe(0);
    expect(await outbox.lag()).toEqual({ pending: 0, oldestSeconds: 0 });
    expect(bus.published.filter((id) => id === 'doc-1')).toEqual(['doc-1']);
    const doc = await Thing.collection.findOne({ _id: 't1' } as never);
    expect(doc).toMatchObject({ n: 1, outboxCount: 0, outboxEvents: {} });
  });
});

describe('Events written on their document', () => {
  const Item = () =>
    db.models.Item ?? db.model('Item', new mongoose.Schema({ _id: String, n: Number }, { strict: false }));
  const count = (c: string) => db.collection(c).countDocuments();

  it('are published and cleared from the document once handled, with nothing written to the outbox', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const bus = new MemoryEventBus();
    const release = await slowGroup(bus);
    const outbox = new Outbox(db, bus, clock, silentLogger());
    await outbox.watch(Item());
    await Item().collection.insertOne({
      _id: 'i1',
      n: 1,
      ...eventsField([event('i-1')], clock.now()),
    } as never);
    const outboxBefore = await count('outbox');
    expect(await outbox.emitFrom(Item(), 'i1', [event('i-1')])).toBe(1);
    // still being handled: kept on the document, and neither the relay nor a replay publishes it again
    await new Promise((r) => setTimeout(r, 20));
    expect(await Item().collection.findOne({ _id: 'i1' } as never)).toMatchObject({ outboxCount: 1 });
    clock.advance(5_000);
    expect(await outbox.relay()).toBe(0);
    expect(await outbox.emitFrom(Item(), 'i1', [event('i-1')])).toBe(0);
    release();
    await outbox.settled();
    expect(await Item().collection.findOne({ _id: 'i1' } as never)).toMatchObject({
      outboxCount: 0,
      outboxEvents: {},
    });
    expect(await count('outbox')).toBe(outboxBefore);
  });

  it('stay on the document while the bus is down and the relay publishes them when it is back', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const bus = new FlakyBus();
    const outbox = new Outbox(db, bus, clock, silentLogger());
    await outbox.watch(Item());
    await Item().collection.insertOne({
      _id: 'i2',
      n: 1,
      ...eventsField([event('i-2')], clock.now()),
    } as never);
    bus.down = true;
    expect(await outbox.emitFrom(Item(), 'i2', [event('i-2')])).toBe(0);
    clock.advance(5_000);
    expect(await outbox.relay()).toBe(0);
    expect(await Item().collection.findOne({ _id: 'i2' } as never)).toMatchObject({ outboxCount: 1 });
    bus.down = false;
    expect(await outbox.relay()).toBe(1);
    await outbox.settled();
    expect(bus.published).toEqual(['i-2']);
    expect(await Item().collection.findOne({ _id: 'i2' } as never)).toMatchObject({ outboxCount: 0 });
  });

  it('are published once when the same event is on its way from elsewhere, and cleared when it is sent', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const bus = new FlakyBus();
    const release = await slowGroup(bus);
    const outbox = new Outbox(db, bus, clock, silentLogger());
    await outbox.watch(Item());
    await outbox.emit(event('i-3')); // recorded, being delivered
    await Item().collection.insertOne({
      _id: 'i3',
      n: 1,
      ...eventsField([event('i-3')], clock.now()),
    } as never);
    expect(await outbox.emitFrom(Item(), 'i3', [event('i-3')])).toBe(0);
    release();
    await outbox.settled();
    expect(await Item().collection.findOne({ _id: 'i3' } as never)).toMatchObject({ outboxCount: 0 });
    // and a stale copy of the document handed over again after the clear publishes nothing either
    expect(await outbox.emitFrom(Item(), 'i3', [event('i-3')])).toBe(0);
    await outbox.settled();
    expect(bus.published).toEqual(['i-3']);
    expect(await Item().collection.findOne({ _id: 'i3' } as never)).toMatchObject({
      outboxCount: 0,
      outboxEvents: {},
    });
  });

  it('count what is left on the document, even when an event was written on it twice before its clear', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const bus = new FlakyBus();
    const outbox = new Outbox(db, bus, clock, silentLogger());
    await outbox.watch(Item());
    const twice = eventsField([event('i-4')], clock.now());
    await Item().collection.insertOne({ _id: 'i4', n: 1, ...twice, outboxCount: 2 } as never);
    expect(await outbox.emitFrom(Item(), 'i4', [event('i-4')])).toBe(1);
    await outbox.settled();
    expect(await Item().collection.findOne({ _id: 'i4' } as never)).toMatchObject({ outboxCount: 0 });
  });
});
