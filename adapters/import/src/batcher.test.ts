import { DomainError } from '@zhongtai/contracts';
import { RowBatcher } from './batcher.js';

it('sends full batches at once and the rest after a moment, answering each row with its own outcome', async () => {
  const sent: number[][] = [];
  const b = new RowBatcher<number>(
    async (items) => {
      sent.push(items);
      return {
        rejected: items.flatMap((v, index) =>
          v === 3 ? [{ index, code: 'BAD_USER_INPUT', message: 'three' }] : [],
        ),
      };
    },
    { size: 2, lingerMs: 5 },
  );
  const results = await Promise.allSettled([1, 2, 3].map((v) => b.send(v)));
  expect(sent).toEqual([[1, 2], [3]]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  const refusal = (results[2] as PromiseRejectedResult).reason as DomainError;
  expect(refusal).toBeInstanceOf(DomainError);
  expect(refusal.code).toBe('BAD_USER_INPUT');
});

it('fails every row of a batch whose call failed (the importer retries them)', async () => {
  const b = new RowBatcher<number>(async () => Promise.reject(new Error('platform down')), {
    size: 10,
    lingerMs: 1,
  });
  const results = await Promise.allSettled([b.send(1), b.send(2)]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
});
