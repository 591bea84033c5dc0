import { KeyedLock } from './keyed-lock.js';

describe('KeyedLock', () => {
  it('runs work for one key one at a time, in order, and other keys in parallel', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const step = (k: string, n: number, ms: number) =>
      lock.run(k, async () => {
        log.push(`${k}${n}+`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${k}${n}-`);
        return n;
      });
    const results = await Promise.all([step('a', 1, 20), step('a', 2, 1), step('b', 1, 5)]);
    expect(results).toEqual([1, 2, 1]);
    expect(log.indexOf('a1-')).toBeLessThan(log.indexOf('a2+'));
    expect(log.indexOf('b1+')).toBeLessThan(log.indexOf('a1-'));
  });

  it('keeps going after a failure', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run('k', async () => 7)).toBe(7);
  });
});
