/**
 * Serialises async work per key within this process (e.g. writes to one points account), so
 * concurrent requests queue instead of colliding and retrying. Correctness across processes never
 * depends on it: the store's own guards (unique keys, conditional updates) still decide.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Runs `fn` holding every key's lock, taken in key order (two callers never wait on each other in a cycle). */
  async runAll<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const [head, ...rest] = [...new Set(keys)].sort();
    return head === undefined ? fn() : this.run(head, () => this.runAll(rest, fn));
  }
}
