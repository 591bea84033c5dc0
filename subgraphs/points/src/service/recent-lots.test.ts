import type { Lot } from '../domain/ledger.js';
import { RecentLots } from './recent-lots.js';

const lot = (id: string, remaining: number, status: Lot['status'] = 'AVAILABLE'): Lot => ({
  id,
  source: 'order',
  sourceRef: id,
  earned: 100,
  remaining,
  status,
  availableAt: null,
  expiresAt: new Date('2027-12-31T16:00:00Z'),
  createdAt: new Date('2026-12-01T00:00:00Z'),
});

it('answers only for the entry it remembers, with the entry applied to the lots before it', () => {
  const r = new RecentLots();
  r.remember('t|m1', 3, [lot('a', 100), lot('b', 50)], [lot('a', 0, 'CLOSED'), lot('c', 10, 'PENDING')]);
  expect(r.lotsAt('t|m1', 3)?.map((l) => [l.id, l.remaining, l.status])).toEqual([
    ['b', 50, 'AVAILABLE'],
    ['c', 10, 'PENDING'],
  ]);
  expect(r.lotsAt('t|m1', 4)).toBeUndefined(); // another writer moved the account on
  expect(r.lotsAt('t|m1', 2)).toBeUndefined();
  expect(r.lotsAt('t|m2', 3)).toBeUndefined();
});

it('forgets the account written longest ago when full', () => {
  const r = new RecentLots(2);
  r.remember('a', 1, [], [lot('x', 1)]);
  r.remember('b', 1, [], [lot('y', 1)]);
  r.remember('a', 2, [], [lot('z', 1)]);
  r.remember('c', 1, [], []);
  expect(r.lotsAt('b', 1)).toBeUndefined();
  expect(r.lotsAt('a', 2)).toHaveLength(1);
  expect(r.lotsAt('c', 1)).toEqual([]);
});
