import type { Page } from '@zhongtai/contracts';
import type { Checkpoints } from './store/adapter-store.js';

/**
 * Incremental pull from a legacy system: reads pages from the saved cursor, hands each page to the
 * sink, and saves the page's `nextCursor` only after the sink accepted the page. A crash re-reads at
 * most one page, which the sink absorbs (it is idempotent). Stops at an empty page, a null cursor (a
 * finite listing is done) or a cursor that did not move (an incremental feed has nothing newer).
 * Returns how many records were handed over.
 */
export async function pullAll<T>(opts: {
  name: string;
  checkpoints: Checkpoints;
  read: (cursor: string | null) => Promise<Page<T>>;
  sink: (items: T[]) => Promise<void>;
  maxPages?: number;
}): Promise<number> {
  let cursor = (await opts.checkpoints.get(opts.name))?.cursor ?? null;
  let total = 0;
  for (let pages = 0; pages < (opts.maxPages ?? 10_000); pages++) {
    const page = await opts.read(cursor);
    if (page.items.length) await opts.sink(page.items);
    total += page.items.length;
    if (page.nextCursor !== null && page.nextCursor !== cursor)
      await opts.checkpoints.set(opts.name, { cursor: page.nextCursor });
    if (!page.items.length || page.nextCursor === null || page.nextCursor === cursor) return total;
    cursor = page.nextCursor;
  }
  return total;
}
