import { EventEmitter } from 'node:events';
import { jest } from '@jest/globals';
import { type RevivableClient, reviveWhenStuck } from './redis.js';

/** A node-redis client as the watchdog sees it: open/ready flags, lifecycle events, destroy, connect. */
class StandIn extends EventEmitter implements RevivableClient {
  isOpen = true;
  isReady = true;
  destroyed = 0;
  connects = 0;
  /** what the next connect() does */
  onConnect: 'ready' | 'stuck' | 'fail' = 'ready';
  destroy(): void {
    if (!this.isOpen) throw new Error('The client is closed');
    this.destroyed++;
    this.isOpen = false;
    this.isReady = false;
    this.emit('end');
  }
  async connect(): Promise<unknown> {
    this.connects++;
    if (this.onConnect === 'fail') throw new Error('Socket already opened');
    this.isOpen = true;
    this.emit('connect');
    if (this.onConnect === 'ready') {
      this.isReady = true;
      this.emit('ready');
    }
    return this;
  }
  quit(): void {
    this.isOpen = false;
    this.isReady = false;
    this.emit('end');
  }
}

const opts = { stuckMs: 10_000, settleMs: 3_000, checkEveryMs: 1_000 };

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

it('revives a client left open, not ready and silent (node-redis#3346), in place', async () => {
  const c = new StandIn();
  reviveWhenStuck(c, undefined, opts);
  c.isReady = false;
  c.emit('error', new Error('Socket closed unexpectedly')); // the last event it ever says
  await jest.advanceTimersByTimeAsync(9_000);
  expect(c.destroyed + c.connects).toBe(0);
  await jest.advanceTimersByTimeAsync(2_000);
  expect(c.isOpen).toBe(false); // destroyed: its queued commands fail and their callers retry
  await jest.advanceTimersByTimeAsync(3_000);
  expect(c.connects).toBe(1);
  expect(c.isReady).toBe(true);
});

it('leaves a client alone while it is reconnecting and says so', async () => {
  const c = new StandIn();
  reviveWhenStuck(c, undefined, opts);
  c.isReady = false;
  for (let i = 0; i < 30; i++) {
    c.emit(i % 2 ? 'reconnecting' : 'error', new Error('connect ECONNREFUSED'));
    await jest.advanceTimersByTimeAsync(2_000);
  }
  expect(c.isOpen).toBe(true);
  expect(c.connects).toBe(0);
});

it('tries again when the revived client gets stuck again or its connect fails', async () => {
  const c = new StandIn();
  reviveWhenStuck(c, undefined, opts);
  c.isReady = false;
  c.onConnect = 'stuck';
  await jest.advanceTimersByTimeAsync(14_000);
  expect(c.connects).toBe(1); // open again, but never ready and silent
  c.onConnect = 'fail';
  await jest.advanceTimersByTimeAsync(20_000);
  expect(c.isOpen).toBe(false);
  expect(c.connects).toBeGreaterThanOrEqual(3); // failed, tried again every settleMs
  expect(c.connects).toBeLessThanOrEqual(4);
  c.onConnect = 'ready';
  await jest.advanceTimersByTimeAsync(5_000);
  expect(c.isReady).toBe(true);
});

it('leaves a client its owner closed closed, and stops when told to', async () => {
  const c = new StandIn();
  reviveWhenStuck(c, undefined, opts);
  c.quit();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(c.connects).toBe(0);
  const d = new StandIn();
  const stop = reviveWhenStuck(d, undefined, opts);
  stop();
  d.isReady = false;
  await jest.advanceTimersByTimeAsync(60_000);
  expect(d.destroyed + d.connects).toBe(0);
});
