import type { OrderDoc } from './records.js';
import { planImportBatch } from './import-batch.js';

const order = (id: string, memberId: string | undefined, day: number, status = 'COMPLETED'): OrderDoc =>
  ({
    _id: id,
    tenant: 't',
    memberId,
    status,
    total: 1000,
    refundedTotal: 0,
    placedAt: new Date(Date.UTC(2026, 0, day)),
  }) as unknown as OrderDoc;

const repeats = (plan: ReturnType<typeof planImportBatch>) =>
  Object.fromEntries([...plan.entries].map(([id, e]) => [id, e.repeat]));

it("makes each member's earliest order the first, in any arrival order, the rest repeats", () => {
  const plan = planImportBatch(
    [
      order('c', 'm1', 5),
      order('a', 'm1', 1),
      order('b', 'm1', 3),
      order('x', 'm2', 2),
      order('n', undefined, 1),
    ],
    new Map(),
  );
  expect(repeats(plan)).toEqual({ a: false, b: true, c: true, x: false, n: false });
  expect(plan.firsts).toEqual([
    { memberId: 'm1', expected: undefined, id: 'a', at: new Date(Date.UTC(2026, 0, 1)) },
    { memberId: 'm2', expected: undefined, id: 'x', at: new Date(Date.UTC(2026, 0, 2)) },
  ]);
  expect(plan.remarks).toEqual([]);
});

it('against a recorded first: later orders repeat; an earlier one takes its place and re-marks it', () => {
  const recorded = new Map([
    ['m1', { firstOrderId: 'old', firstOrderAt: new Date(Date.UTC(2026, 0, 10)) }],
    ['m2', { firstOrderId: 'old2', firstOrderAt: new Date(Date.UTC(2026, 0, 10)) }],
  ]);
  const plan = planImportBatch([order('p', 'm1', 12), order('q', 'm2', 3), order('r', 'm2', 4)], recorded);
  expect(repeats(plan)).toEqual({ p: true, q: false, r: true });
  expect(plan.firsts).toEqual([
    { memberId: 'm2', expected: 'old2', id: 'q', at: new Date(Date.UTC(2026, 0, 3)) },
  ]);
  expect(plan.remarks).toEqual([{ memberId: 'm2', orderId: 'old2' }]);
});

it('a cancelled order never takes the first place; ties go to the smaller id', () => {
  const plan = planImportBatch(
    [order('k', 'm1', 1, 'CANCELLED'), order('z', 'm1', 2), order('y', 'm1', 2)],
    new Map(),
  );
  expect(repeats(plan)).toEqual({ k: true, y: false, z: true });
  expect(plan.firsts.map((f) => f.id)).toEqual(['y']);
});
