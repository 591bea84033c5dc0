import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@zhongtai/contracts';
import type { EventBus } from './event-bus.js';

/** An event of `type` for bus tests (a fresh id each time; `n` in its key and payload). */
export const ev = (type: string, n: number): EventEnvelope => ({
  id: randomUUID(),
  type,
  version: 1,
  tenant: 'demo',
  occurredAt: new Date().toISOString(),
  producer: 'test',
  key: `k${n}`,
  payload: { n },
});

/** One suite every EventBus implementation passes (in-process and Redis Streams). */
export function describeEventBusContract(
  name: string,
  make: () => Promise<{ bus: EventBus; close(): Promise<void> }>,
  available = true,
): void {
  (available ? describe : describe.skip)(`EventBus contract: ${name}`, () => {
    let bus: EventBus;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ bus, close } = await make());
    });
    afterAll(async () => close());
    // every test uses its own event type and groups, so tests never see each other's events
    const uniq = () => `test.${randomUUID().replace(/-/g, '').slice(0, 12)}`;

    it('delivers every event to a group, in publish order', async () => {
      const type = uniq();
      const seen: number[] = [];
      const sub = await bus.subscribe({
        group: `g-${type}`,
        events: [`${type}.v1`],
        handler: async (e) => void seen.push((e.payload as { n: number }).n),
      });
      for (let n = 0; n < 20; n++) await bus.publish(ev(type, n));
      await bus.drain();
      await sub.stop();
      expect(seen).toEqual(Array.from({ length: 20 }, (_, n) => n));
    });

    it('tells how many events its consumers are behind (backlog), back down once they are handled', async () => {
      const type = uniq();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const sub = await bus.subscribe({
        group: `slow-${type}`,
        events: [`${type}.v1`],
        handler: async () => held,
      });
      for (let n = 0; n < 5; n++) await bus.publish(ev(type, n));
      const during = await bus.backlog();
      expect(during).toBeGreaterThanOrEqual(5);
      release();
      await bus.drain();
      expect(await bus.backlog()).toBeLessThanOrEqual(during - 5);
      await sub.stop();
    });

    it('gives each group its own copy and shares a group between its consumers', async () => {
      const type = uniq();
      const a: number[] = [];
      const b1: number[] = [];
      const b2: number[] = [];
      const subs = [
        await bus.subscribe({
          group: `a-${type}`,
          events: [`${type}.v1`],
          handler: async (e) => void a.push((e.payload as { n: number }).n),
        }),
        await bus.subscribe({
          group: `b-${type}`,
          events: [`${type}.v1`],
          handler: async (e) => void b1.push((e.payload as { n: number }).n),
        }),
        await bus.subscribe({
          group: `b-${type}`,
          events: [`${type}.v1`],
          handler: async (e) => void b2.push((e.payload as { n: number }).n),
        }),
      ];
      for (let n = 0; n < 30; n++) await bus.publish(ev(type, n));
      await bus.drain();
      await Promise.all(subs.map((s) => s.stop()));
      expect(a).toHaveLength(30);
      expect([...b1, ...b2].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    });

    it('delivers only the subscribed event names', async () => {
      const [t1, t2] = [uniq(), uniq()];
      const seen: string[] = [];
      const sub = await bus.subscribe({
        group: `g-${t1}`,
        events: [`${t1}.v1`],
        handler: async (e) => void seen.push(e.type),
      });
      await bus.publish(ev(t2, 1));
      await bus.publish(ev(t1, 2));
      await bus.drain();
      await sub.stop();
      expect(seen).toEqual([t1]);
    });

    it('retries a failing handler until it succeeds (at least once)', async () => {
      const type = uniq();
      let calls = 0;
      const sub = await bus.subscribe({
        group: `g-${type}`,
        events: [`${type}.v1`],
        retryDelayMs: 50,
        handler: async () => {
          calls++;
          if (calls < 3) throw new Error('transient');
        },
      });
      await bus.publish(ev(type, 1));
      await bus.drain();
      await sub.stop();
      expect(calls).toBe(3);
      expect(await bus.deadLetters(`g-${type}`)).toEqual([]);
    });

    it('dead-letters an event after maxDeliveries and keeps delivering the rest', async () => {
      const type = uniq();
      const ok: number[] = [];
      const sub = await bus.subscribe({
        group: `g-${type}`,
        events: [`${type}.v1`],
        maxDeliveries: 2,
        retryDelayMs: 30,
        handler: async (e) => {
          const n = (e.payload as { n: number }).n;
          if (n === 1) throw new Error('poison');
          ok.push(n);
        },
      });
      for (let n = 0; n < 3; n++) await bus.publish(ev(type, n));
      await bus.drain();
      await sub.stop();
      expect(ok.sort()).toEqual([0, 2]);
      const dead = await bus.deadLetters(`g-${type}`);
      expect(dead.map((d) => (d.event.payload as { n: number }).n)).toEqual([1]);
      expect(dead[0]).toMatchObject({ group: `g-${type}`, error: 'poison', deliveries: 2 });
      expect((await bus.deadLetters()).some((d) => d.event.id === dead[0].event.id)).toBe(true);
    });

    it('replays dead letters to their group only, after which they are gone', async () => {
      const type = uniq();
      let healthy = false;
      const seen: number[] = [];
      const other: number[] = [];
      const subs = [
        await bus.subscribe({
          group: `g-${type}`,
          events: [`${type}.v1`],
          maxDeliveries: 2,
          retryDelayMs: 20,
          handler: async (e) => {
            if (!healthy) throw new Error('down');
            seen.push((e.payload as { n: number }).n);
          },
        }),
        await bus.subscribe({
          group: `o-${type}`,
          events: [`${type}.v1`],
          handler: async (e) => void other.push((e.payload as { n: number }).n),
        }),
      ];
      for (let n = 0; n < 3; n++) await bus.publish(ev(type, n));
      await bus.drain();
      expect(await bus.deadLetters(`g-${type}`)).toHaveLength(3);
      healthy = true; // the cause is fixed: replay one, then the rest
      const [first] = await bus.deadLetters(`g-${type}`);
      expect(await bus.replayDeadLetters(`g-${type}`, [first.event.id])).toBe(1);
      await bus.drain();
      expect(seen).toEqual([(first.event.payload as { n: number }).n]);
      expect(await bus.replayDeadLetters(`g-${type}`)).toBe(2);
      await bus.drain();
      await Promise.all(subs.map((s) => s.stop()));
      expect(seen.sort()).toEqual([0, 1, 2]);
      expect(other).toEqual([0, 1, 2]); // the healthy group got each event once, replays included
      expect(await bus.deadLetters(`g-${type}`)).toEqual([]);
    });

    it('keeps delivering other events while one waits for its retry (no head-of-line blocking)', async () => {
      const type = uniq();
      const seen: number[] = [];
      let failures = 0;
      const sub = await bus.subscribe({
        group: `g-${type}`,
        events: [`${type}.v1`],
        retryDelayMs: 300,
        handler: async (e) => {
          const n = (e.payload as { n: number }).n;
          if (n === 0 && failures++ === 0) throw new Error('once');
          seen.push(n);
        },
      });
      for (let n = 0; n < 3; n++) await bus.publish(ev(type, n));
      await bus.drain();
      await sub.stop();
      expect(seen).toEqual([1, 2, 0]);
    });

    it('hands events that queued up over in batches, and each alone when a batch fails', async () => {
      const type = uniq();
      const batches: number[][] = [];
      const alone: number[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let begun!: () => void;
      const started = new Promise<void>((r) => (begun = r));
      const sub = await bus.subscribe({
        group: `g-${type}`,
        events: [`${type}.v1`],
        maxDeliveries: 2,
        retryDelayMs: 20,
        batch: {
          max: 10,
          handler: async (events) => {
            const ns = events.map((e) => (e.payload as { n: number }).n);
            if (ns.includes(13)) throw new Error('a poison event in the batch');
            batches.push(ns);
          },
        },
        handler: async (e) => {
          const n = (e.payload as { n: number }).n;
          if (n === 0) {
            begun();
            await held; // the group is busy with the first event while the rest queue up
          }
          if (n === 13) throw new Error('poison');
          alone.push(n);
        },
      });
      await bus.publish(ev(type, 0));
      await started;
      for (let n = 1; n < 25; n++) await bus.publish(ev(type, n));
      await new Promise((r) => setTimeout(r, 50));
      release();
      await bus.drain();
      await sub.stop();
      const batched = batches.flat();
      // every event handled once, in a batch or alone, but the poison one
      expect([...batched, ...alone].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 25 }, (_, n) => n).filter((n) => n !== 13),
      );
      expect(batches.length).toBeGreaterThan(0);
      expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
      expect(batched.length).toBeGreaterThanOrEqual(10);
      // the failed batch's events went one by one: the poison one alone to the dead letters
      expect(alone).toEqual(expect.arrayContaining([11, 12, 14]));
      const dead = await bus.deadLetters(`g-${type}`);
      expect(dead.map((d) => (d.event.payload as { n: number }).n)).toEqual([13]);
    });

    it('stops delivering after stop()', async () => {
      const type = uniq();
      const seen: number[] = [];
      const sub = await bus.subscribe({
        group: `g-${type}`,
        events: [`${type}.v1`],
        handler: async (e) => void seen.push((e.payload as { n: number }).n),
      });
      await bus.publish(ev(type, 1));
      await bus.drain();
      await sub.stop();
      await bus.publish(ev(type, 2));
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([1]);
    });
  });
}
