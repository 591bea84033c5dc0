import type { Lot } from '../domain/ledger.js';
import { toLot } from '../domain/records.js';

const OPEN = new Set(['AVAILABLE', 'PENDING']);

/**
 * The open lots of the accounts this process wrote last, each with the entry (sequence number) it
 * is the result of. A planner may use them only for an account whose snapshot is at that very entry:
 * lots change only with entries of their own account, so then they are what a read would return.
 * Anything else (another process wrote since, a crash, an eviction) reads the database.
 */
export class RecentLots {
  private readonly byAccount = new Map<string, { seq: number; lots: Lot[] }>();

  constructor(private readonly capacity = 10_000) {}

  /** The open lots after entry `seq`, if this process wrote that entry (and still remembers it). */
  lotsAt(account: string, seq: number): Lot[] | undefined {
    const hit = this.byAccount.get(account);
    return hit && hit.seq === seq ? hit.lots : undefined;
  }

  /** Remembers the open lots after entry `seq`: those before it with the entry's changed and new lots. */
  remember(account: string, seq: number, before: Lot[], changed: Lot[]): void {
    const lots = new Map(before.map((l) => [l.id, l]));
    for (const l of changed) lots.set(l.id, Object.freeze(toLot(l))); // planners clone what they change
    this.byAccount.delete(account); // most recent last: the oldest goes first when full
    this.byAccount.set(account, { seq, lots: [...lots.values()].filter((l) => OPEN.has(l.status)) });
    if (this.byAccount.size > this.capacity) this.byAccount.delete(this.byAccount.keys().next().value!);
  }
}
