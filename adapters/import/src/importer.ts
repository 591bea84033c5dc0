import { createReadStream } from 'node:fs';
import { appendFile, stat, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type { CheckpointStore } from './checkpoints.js';
import { RowError } from './rows.js';

export interface ImportProgress {
  done: number;
  rejected: number;
  bytes: number;
  totalBytes: number;
  rowsPerSecond: number;
}

export interface ImportOptions<T> {
  file: string;
  /** checkpoint name: one per file and kind */
  name: string;
  checkpoints: CheckpointStore;
  parse: (row: Record<string, string>) => T;
  /** hands one record to the platform; idempotent (natural keys), so a resumed import may repeat it */
  sink: (item: T) => Promise<void>;
  /** a sink error that rejects the row (bad data) rather than stopping the import (platform trouble) */
  isRejection?: (error: unknown) => boolean;
  /**
   * Rows with the same key (one member's balance, one order) reach the sink one after another in the
   * file's order, so the first of two conflicting rows is the one kept and the second is the one reported,
   * whatever the concurrency; rows of other keys go on meanwhile. Undefined: no order between rows.
   */
  key?: (item: T) => string;
  /** rows in flight (default 8) */
  concurrency?: number;
  /** attempts of a row whose sink fails for a transient reason before the import stops (default 5) */
  attempts?: number;
  /**
   * A sink error by which the platform asks to slow down (its consumers are behind): how long to wait
   * before sending the row again, which is not a failed attempt (undefined: not such an error)
   */
  slowDown?: (error: unknown) => number | undefined;
  /** how long rows may keep being told to slow down, in a row, before the import stops (default 10 min) */
  maxSlowDownMs?: number;
  /** report of rejected rows: CSV of line, reason, row */
  rejectedFile: string;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportResult {
  done: number;
  rejected: number;
  /** rows skipped because a previous run had done them */
  resumedFrom: number;
  seconds: number;
  rowsPerSecond: number;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Streams a CSV file into the platform (R-OR-5): bounded memory (the parser is pulled only as fast
 * as rows finish), `concurrency` rows in flight, progress with rate and ETA, a checkpoint of the
 * contiguous prefix of finished rows every few hundred rows, so a killed import resumes where it
 * stopped; rejected rows go to a report with their line and reason. Re-running a finished file
 * changes nothing (the sink is idempotent, and the checkpoint skips what was done).
 */
export async function importCsv<T>(o: ImportOptions<T>): Promise<ImportResult> {
  const totalBytes = (await stat(o.file)).size;
  const start = (await o.checkpoints.get(o.name)) ?? { done: 0, rejected: 0 };
  if (start.done === 0) await writeFile(o.rejectedFile, 'line,reason,row\n');
  const concurrency = o.concurrency ?? 8;
  const began = Date.now();
  let watermark = start.done;
  let rejected = start.rejected;
  let lastSaved = watermark;
  const finished = new Map<number, { reason: string; raw: Record<string, string> } | null>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let bytes = 0;

  const advance = async () => {
    const lines: string[] = [];
    while (finished.has(watermark)) {
      const r = finished.get(watermark)!;
      finished.delete(watermark);
      if (r) {
        rejected++;
        lines.push([String(watermark + 2), csvCell(r.reason), csvCell(JSON.stringify(r.raw))].join(','));
      }
      watermark++;
    }
    if (lines.length) await appendFile(o.rejectedFile, `${lines.join('\n')}\n`);
    if (watermark - lastSaved >= 500) {
      lastSaved = watermark;
      await o.checkpoints.set(o.name, { done: watermark, rejected });
    }
  };

  // completions arrive in any order; the watermark moves in one place at a time
  let queue = Promise.resolve();
  const advanceSerially = () => (queue = queue.then(advance));

  // the last row in flight of each key: the next row of the key waits for it
  const lastOfKey = new Map<string, Promise<void>>();
  const inKeyOrder = async (item: T, send: () => Promise<void>) => {
    const key = o.key?.(item);
    if (key === undefined) return send();
    const before = lastOfKey.get(key);
    let done!: () => void;
    const mine = new Promise<void>((r) => (done = r));
    lastOfKey.set(key, mine);
    try {
      await before;
      await send();
    } finally {
      done();
      if (lastOfKey.get(key) === mine) lastOfKey.delete(key);
    }
  };

  const handle = async (index: number, raw: Record<string, string>) => {
    let outcome: { reason: string; raw: Record<string, string> } | null = null;
    try {
      const item = o.parse(raw);
      await inKeyOrder(item, () => send(index, item));
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) throw error;
      if (!(error instanceof RowError) && !o.isRejection?.(error)) throw error;
      outcome = { reason: (error as Error).message, raw };
    }
    finished.set(index, outcome);
  };

  /** one row to the sink: retried when it fails for a transient reason, paced when the platform asks */
  const send = async (index: number, item: T) => {
    let slowedSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await o.sink(item);
        break;
      } catch (error) {
        if (o.isRejection?.(error)) throw error;
        const pause = o.slowDown?.(error);
        if (pause !== undefined && Date.now() - (slowedSince ??= Date.now()) < (o.maxSlowDownMs ?? 600_000)) {
          attempt--;
          await new Promise((r) => setTimeout(r, pause));
          continue;
        }
        if (attempt >= (o.attempts ?? 5))
          throw Object.assign(new Error(`row ${index + 2}: ${(error as Error).message}`), { fatal: true });
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  };

  const parser = createReadStream(o.file).pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }),
  );
  let index = 0;
  for await (const raw of parser as AsyncIterable<Record<string, string>>) {
    const i = index++;
    bytes = (parser as unknown as { info: { bytes: number } }).info.bytes;
    if (i < start.done) continue;
    if (o.signal?.aborted || failure) break;
    const task: Promise<void> = handle(i, raw)
      .then(advanceSerially)
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
    o.onProgress?.({
      done: watermark,
      rejected,
      bytes,
      totalBytes,
      rowsPerSecond: rate(watermark - start.done, began),
    });
  }
  await Promise.all(inFlight);
  await advanceSerially();
  await o.checkpoints.set(o.name, { done: watermark, rejected });
  o.onProgress?.({
    done: watermark,
    rejected,
    bytes: failure || o.signal?.aborted ? bytes : totalBytes,
    totalBytes,
    rowsPerSecond: rate(watermark - start.done, began),
  });
  if (failure) throw failure;
  const seconds = (Date.now() - began) / 1000;
  return {
    done: watermark,
    rejected,
    resumedFrom: start.done,
    seconds,
    rowsPerSecond: rate(watermark - start.done, began),
  };
}

function rate(rows: number, since: number): number {
  const s = (Date.now() - since) / 1000;
  return s > 0 ? Math.round(rows / s) : 0;
}
