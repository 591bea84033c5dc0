import fc from 'fast-check';
import { shanghai } from './fixtures/shanghai-calendar.js';
import {
  type AccountState,
  type Lot,
  type Plan,
  LedgerError,
  adjust,
  earn,
  expire,
  newAccount,
  redeem,
  release,
  reverse,
} from './ledger.js';
import { contributionOf, mergeIn, mergeOut, splitOut } from './merge.js';
import { violations } from './reconcile.js';

/** One member's account in memory: the state the store would hold, and every plan applied to it. */
class Book {
  account: AccountState;
  lots = new Map<string, Lot>();
  plans: Plan[] = [];
  constructor(id: string) {
    this.account = newAccount(id, 'SILVER');
  }
  open(): Lot[] {
    return [...this.lots.values()].filter((l) => l.status === 'AVAILABLE' || l.status === 'PENDING');
  }
  apply(p: Plan | null): void {
    if (!p) return;
    for (const l of p.lots) this.lots.set(l.id, l);
    this.account = p.account;
    this.plans.push(p);
  }
}

type Op =
  | { t: 'earn'; who: 0 | 1; points: number; pending: boolean; ttlDays: number }
  | { t: 'redeem'; who: 0 | 1; points: number }
  | { t: 'refund'; who: 0 | 1; pick: number; share: number }
  | { t: 'adjust'; who: 0 | 1; points: number }
  | { t: 'time'; days: number }
  | { t: 'merge' }
  | { t: 'unmerge' };

const who = fc.constantFrom<0 | 1>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('earn' as const),
      who,
      points: fc.integer({ min: 0, max: 500 }),
      pending: fc.boolean(),
      ttlDays: fc.integer({ min: 1, max: 400 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('redeem' as const),
      who,
      points: fc.integer({ min: 1, max: 600 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('refund' as const),
      who,
      pick: fc.nat(),
      share: fc.integer({ min: 1, max: 100 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('adjust' as const),
      who,
      points: fc.integer({ min: -300, max: 300 }).filter((n) => n !== 0),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ t: fc.constant('time' as const), days: fc.integer({ min: 1, max: 200 }) }),
    weight: 2,
  },
  { arbitrary: fc.constant({ t: 'merge' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'unmerge' as const }), weight: 1 },
);

function run(ops: Op[]): void {
  const books: [Book, Book] = [new Book('a'), new Book('b')];
  let now = new Date('2026-01-01T00:00:00Z');
  let n = 0;
  let merged: { mergeId: string; brought: ReturnType<typeof contributionOf> } | null = null;
  const earned: Array<{ who: 0 | 1; ref: string; points: number; growth: number; reversed: number }> = [];
  /** kept apart from the ledger: what the operations say both accounts hold together (balance + pending) */
  let total = 0;
  const held = () => books.reduce((n, b) => n + b.account.balance + b.account.pending, 0);

  const check = () => {
    expect(held()).toBe(total);
    for (const b of books) {
      expect(violations(b.account, [...b.lots.values()])).toEqual([]);
      // every entry's declared change is the change it made: summing the entries' deltas from an
      // empty account gives the balance and pending points (what a statement of the ledger shows)
      let previous = newAccount(b.account.memberId, 'SILVER');
      for (const p of b.plans) {
        expect([p.account.balance - previous.balance, p.account.pending - previous.pending]).toEqual([
          p.delta,
          p.pendingDelta,
        ]);
        previous = p.account;
      }
      expect(b.plans.reduce((n, p) => n + p.delta, 0)).toBe(b.account.balance);
      expect(b.plans.reduce((n, p) => n + p.pendingDelta, 0)).toBe(b.account.pending);
      expect(b.account.seq).toBe(b.plans.length);
    }
  };

  for (const o of ops) {
    // while merged, everything addressed to the merged member lands on the survivor
    const target = (w: 0 | 1) => books[merged ? 0 : w];
    switch (o.t) {
      case 'earn': {
        const b = target(o.who);
        const ref = `order-${++n}`;
        b.apply(
          earn(b.account, b.open(), {
            lotId: ref,
            points: o.points,
            growth: o.points,
            source: 'order',
            sourceRef: ref,
            expiresAt: new Date(now.getTime() + o.ttlDays * 86_400_000),
            pendingUntil: o.pending ? new Date(now.getTime() + 7 * 86_400_000) : null,
            now,
            day: shanghai.businessDay(now),
            explanation: 'earn',
          }),
        );
        earned.push({ who: merged ? 0 : o.who, ref, points: o.points, growth: o.points, reversed: 0 });
        total += o.points;
        break;
      }
      case 'redeem': {
        const b = target(o.who);
        const before = b.account.balance;
        try {
          b.apply(
            redeem(b.account, b.open(), {
              points: o.points,
              source: 'test',
              sourceRef: `r${++n}`,
              explanation: 'redeem',
            }),
          );
          expect(o.points).toBeLessThanOrEqual(before);
          expect(b.account.balance).toBe(before - o.points);
          total -= o.points;
        } catch (e) {
          expect(e).toBeInstanceOf(LedgerError);
          expect(o.points).toBeGreaterThan(before);
        }
        break;
      }
      case 'refund': {
        if (!earned.length) break;
        const e = earned[o.pick % earned.length];
        const target = Math.round((e.points * o.share) / 100);
        const more = Math.max(0, target - e.reversed);
        const b = merged ? books[0] : books[e.who];
        b.apply(
          reverse(b.account, b.open(), {
            points: more,
            growth: 0,
            source: 'refund',
            sourceRef: e.ref,
            explanation: 'refund',
          }),
        );
        e.reversed += more;
        total -= more;
        break;
      }
      case 'adjust': {
        const b = target(o.who);
        b.apply(
          adjust(b.account, b.open(), {
            points: o.points,
            lotId: `adj-${++n}`,
            source: 'ops',
            sourceRef: `adj-${n}`,
            expiresAt: new Date(now.getTime() + 365 * 86_400_000),
            now,
            day: shanghai.businessDay(now),
            explanation: 'adjust',
          }),
        );
        total += o.points;
        break;
      }
      case 'time': {
        now = new Date(now.getTime() + o.days * 86_400_000);
        for (const b of books) {
          b.apply(release(b.account, b.open(), now));
          // what expires: the rest of every open lot whose time has come (a pending lot too, when
          // its expiry comes before the end of its return window)
          total -= b
            .open()
            .filter((l) => l.expiresAt && l.expiresAt <= now)
            .reduce((n, l) => n + l.remaining, 0);
          b.apply(expire(b.account, b.open(), now));
        }
        break;
      }
      case 'merge': {
        if (merged) break;
        const mergeId = `m${++n}`;
        const brought = contributionOf(books[1].account);
        const out = mergeOut(books[1].account, books[1].open(), mergeId, 'a');
        const totalBefore = books[0].account.balance + books[1].account.balance;
        const pendingBefore = books[0].account.pending + books[1].account.pending;
        books[1].apply(out.plan);
        books[0].apply(
          mergeIn(books[0].account, books[0].open(), {
            mergeId,
            from: { ...brought, memberId: 'b' },
            moved: out.moved,
            direction: 'merge',
          }),
        );
        // nothing is lost or created by a merge
        expect(books[0].account.balance + books[1].account.balance).toBe(totalBefore);
        expect(books[0].account.pending + books[1].account.pending).toBe(pendingBefore);
        expect(books[1].account.balance).toBe(0);
        merged = { mergeId, brought };
        break;
      }
      case 'unmerge': {
        if (!merged) break;
        const totalBefore = books[0].account.balance + books[1].account.balance;
        const back = splitOut(books[0].account, books[0].open(), merged.mergeId, 'b', merged.brought);
        books[0].apply(back.plan);
        books[1].apply(
          mergeIn(books[1].account, books[1].open(), {
            mergeId: merged.mergeId,
            from: { ...back.contribution, memberId: 'a' },
            moved: back.moved,
            direction: 'unmerge',
          }),
        );
        expect(books[0].account.balance + books[1].account.balance).toBe(totalBefore);
        merged = null;
        break;
      }
    }
    check();
  }
}

describe('ledger properties', () => {
  it('keeps balance = lots − debt, no negative lot, entries that add up to the balance, nothing created or lost, no overspend, over random histories', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => run(ops)),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it("a merge followed by its undo with nothing in between restores both accounts' balances", () => {
    fc.assert(
      fc.property(
        fc.array(
          op.filter((o) => o.t !== 'merge' && o.t !== 'unmerge'),
          { maxLength: 30 },
        ),
        (ops) => {
          const a = new Book('a');
          const b = new Book('b');
          const now = new Date('2026-01-01T00:00:00Z');
          let k = 0;
          for (const o of ops) {
            const x = o.t === 'earn' || o.t === 'redeem' ? (o.who ? b : a) : null;
            if (o.t === 'earn' && x)
              x.apply(
                earn(x.account, x.open(), {
                  lotId: `l${++k}`,
                  points: o.points,
                  growth: o.points,
                  source: 'order',
                  sourceRef: `o${k}`,
                  expiresAt: new Date(now.getTime() + 86_400_000 * 500),
                  pendingUntil: o.pending ? new Date(now.getTime() + 86_400_000) : null,
                  now,
                  day: shanghai.businessDay(now),
                  explanation: '',
                }),
              );
          }
          const before = [
            a.account.balance,
            a.account.pending,
            b.account.balance,
            b.account.pending,
            a.account.periodGrowth,
            b.account.periodGrowth,
          ];
          const brought = contributionOf(b.account);
          const out = mergeOut(b.account, b.open(), 'm', 'a');
          b.apply(out.plan);
          a.apply(
            mergeIn(a.account, a.open(), {
              mergeId: 'm',
              from: { ...brought, memberId: 'b' },
              moved: out.moved,
              direction: 'merge',
            }),
          );
          const back = splitOut(a.account, a.open(), 'm', 'b', brought);
          a.apply(back.plan);
          b.apply(
            mergeIn(b.account, b.open(), {
              mergeId: 'm',
              from: { ...back.contribution, memberId: 'a' },
              moved: back.moved,
              direction: 'unmerge',
            }),
          );
          expect([
            a.account.balance,
            a.account.pending,
            b.account.balance,
            b.account.pending,
            a.account.periodGrowth,
            b.account.periodGrowth,
          ]).toEqual(before);
        },
      ),
      { numRuns: 200 },
    );
  });
});
