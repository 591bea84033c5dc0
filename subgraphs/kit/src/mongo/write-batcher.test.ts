import { WriteBatcher } from './write-batcher.js';

const op = (n: number) => ({ updateOne: { filter: { n }, update: { $set: { n } } } });

class FakeCollection {
  calls: unknown[][] = [];
  failIndexes: number[] = [];
  async bulkWrite(ops: unknown[]) {
    this.calls.push(ops);
    if (this.failIndexes.length)
      throw Object.assign(new Error('write errors'), {
        writeErrors: this.failIndexes.map((index) => ({ index, code: 2 })),
      });
    return {};
  }
}

it('sends the writes of one window as one bulkWrite', async () => {
  const c = new FakeCollection();
  const b = new WriteBatcher(c as never, { windowMs: 5 });
  await Promise.all([1, 2, 3].map((n) => b.write(op(n))));
  expect(c.calls).toEqual([[op(1), op(2), op(3)]]);
  await b.write(op(4));
  expect(c.calls).toHaveLength(2);
});

it('sends at once when the batch is full', async () => {
  const c = new FakeCollection();
  const b = new WriteBatcher(c as never, { windowMs: 60_000, max: 2 });
  await Promise.all([b.write(op(1)), b.write(op(2))]);
  expect(c.calls).toEqual([[op(1), op(2)]]);
});

it('rejects only the statements that failed', async () => {
  const c = new FakeCollection();
  c.failIndexes = [1];
  const b = new WriteBatcher(c as never);
  const results = await Promise.allSettled([1, 2, 3].map((n) => b.write(op(n))));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
});

it("keeps a caller's statements together and, when ordered, fails those after the first failure", async () => {
  const c = new FakeCollection();
  c.failIndexes = [1];
  const b = new WriteBatcher(c as never, { ordered: true });
  const results = await Promise.allSettled([b.write(op(1)), b.write(op(2), op(3)), b.write(op(4))]);
  expect(c.calls).toEqual([[op(1), op(2), op(3), op(4)]]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
});
