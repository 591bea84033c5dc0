import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@zhongtai/contracts';
import { FileCheckpoints } from './checkpoints.js';
import { importCsv } from './importer.js';
import { isRejection, slowDown } from './kinds.js';
import { orderFromRow } from './rows.js';

const HEADER =
  'source,external_id,channel,store_id,buyer_channel,buyer_external_id,buyer_phone,lines,currency,placed_at,status';
const row = (n: number, lines = `SKU-0001:1:${1000 + n}`) =>
  `pos,H${n},STORE,store-sh-001,STORE,CARD${n % 7},,${lines},CNY,2025-01-0${1 + (n % 9)}T10:00:00Z,COMPLETED`;

async function csv(rows: string[]): Promise<{ file: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'zt-import-'));
  const file = join(dir, 'orders.csv');
  await writeFile(file, `${HEADER}\n${rows.join('\n')}\n`);
  return { file, dir };
}

describe('CSV import', () => {
  it('imports every good row once and reports bad rows with their line and reason', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i + 1));
    rows[9] = row(10, 'SKU-0001:zero:100');
    rows[19] = row(20).replace('STORE,store-sh-001', 'FAX,store-sh-001');
    const { file } = await csv(rows);
    const seen = new Set<string>();
    const r = await importCsv({
      file,
      name: 't1',
      checkpoints: new FileCheckpoints(`${file}.cp`),
      parse: orderFromRow,
      sink: async (o) => void seen.add(o.externalId),
      rejectedFile: `${file}.rejected.csv`,
    });
    expect(r).toMatchObject({ done: 300, rejected: 2, resumedFrom: 0 });
    expect(seen.size).toBe(298);
    const report = (await readFile(`${file}.rejected.csv`, 'utf8')).trim().split('\n');
    expect(report[0]).toBe('line,reason,row');
    expect(report.slice(1).map((l) => l.split(',')[0])).toEqual(['11', '21']);
    expect(report[1]).toContain('lines.0');
    expect(report[2]).toContain('channel');
  });

  it('can be stopped and resumed: every row is handled, rejected rows are reported once', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i + 1));
    rows[2500] = row(2501, 'bad');
    const { file } = await csv(rows);
    const checkpoints = new FileCheckpoints(`${file}.cp`);
    const calls = new Map<string, number>();
    const controller = new AbortController();
    const sink = async (o: { externalId: string }) => {
      calls.set(o.externalId, (calls.get(o.externalId) ?? 0) + 1);
      if (calls.size === 1200) controller.abort(); // killed mid-way
    };
    const first = await importCsv({
      file,
      name: 't2',
      checkpoints,
      parse: orderFromRow,
      sink,
      rejectedFile: `${file}.rejected.csv`,
      signal: controller.signal,
      concurrency: 4,
    });
    expect(first.done).toBeLessThan(3000);
    const second = await importCsv({
      file,
      name: 't2',
      checkpoints,
      parse: orderFromRow,
      sink,
      rejectedFile: `${file}.rejected.csv`,
      concurrency: 4,
    });
    expect(second.resumedFrom).toBe(first.done);
    expect(second.done).toBe(3000);
    expect(calls.size).toBe(2999);
    // a resumed import repeats at most the rows that were in flight when it stopped
    expect([...calls.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(4 + 500);
    expect((await readFile(`${file}.rejected.csv`, 'utf8')).trim().split('\n')).toHaveLength(2);
    const third = await importCsv({
      file,
      name: 't2',
      checkpoints,
      parse: orderFromRow,
      sink,
      rejectedFile: `${file}.rejected.csv`,
    });
    expect(third).toMatchObject({ done: 3000, resumedFrom: 3000 });
  });

  it('keeps at most `concurrency` rows in flight (memory stays flat whatever the file size)', async () => {
    const { file } = await csv(Array.from({ length: 2000 }, (_, i) => row(i + 1)));
    let inFlight = 0;
    let peak = 0;
    await importCsv({
      file,
      name: 't3',
      checkpoints: new FileCheckpoints(`${file}.cp`),
      parse: orderFromRow,
      concurrency: 6,
      rejectedFile: `${file}.rejected.csv`,
      sink: async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
      },
    });
    expect(peak).toBeLessThanOrEqual(6);
  });

  it('retries transient platform failures, reports rows the platform refuses, and stops (resumably) when the platform stays down', async () => {
    const { file } = await csv(Array.from({ length: 50 }, (_, i) => row(i + 1)));
    const checkpoints = new FileCheckpoints(`${file}.cp`);
    let failures = 3;
    const seen = new Set<string>();
    const r = await importCsv({
      file,
      name: 't4',
      checkpoints,
      parse: orderFromRow,
      isRejection,
      rejectedFile: `${file}.rejected.csv`,
      sink: async (o) => {
        if (o.externalId === 'H7') throw new DomainError('BAD_USER_INPUT', 'placedAt is in the future');
        if (failures-- > 0) throw new DomainError('UPSTREAM_UNAVAILABLE', 'gateway down');
        seen.add(o.externalId);
      },
    });
    expect(r).toMatchObject({ done: 50, rejected: 1 });
    expect(seen.size).toBe(49);
    const { file: file2 } = await csv(Array.from({ length: 20 }, (_, i) => row(i + 1)));
    await expect(
      importCsv({
        file: file2,
        name: 't5',
        checkpoints,
        parse: orderFromRow,
        isRejection,
        attempts: 2,
        rejectedFile: `${file2}.rejected.csv`,
        sink: async () => Promise.reject(new DomainError('UPSTREAM_UNAVAILABLE', 'down')),
      }),
    ).rejects.toThrow(/down/);
    expect((await checkpoints.get('t5'))?.done).toBe(0);
  });
});

describe('rows of one key', () => {
  it('reach the sink in the file order (the first of two that disagree is kept), other keys meanwhile', async () => {
    const { file } = await csv([row(1), row(2), row(1, 'SKU-0001:9:9'), row(3), row(1)]);
    const kept = new Map<string, string>();
    const log: string[] = [];
    const r = await importCsv({
      file,
      name: 't8',
      checkpoints: new FileCheckpoints(`${file}.cp`),
      parse: orderFromRow,
      key: (o) => o.externalId,
      isRejection,
      rejectedFile: `${file}.rejected.csv`,
      sink: async (o) => {
        const lines = JSON.stringify(o.lines);
        log.push(`start ${o.externalId}`);
        // the first H1 is slower than the second: a second that did not wait for it would win
        await new Promise((r) => setTimeout(r, o.externalId === 'H1' && o.lines[0].quantity === 1 ? 40 : 1));
        log.push(`end ${o.externalId}`);
        const had = kept.get(o.externalId);
        if (had !== undefined && had !== lines) throw new DomainError('CONFLICT', 'another order');
        kept.set(o.externalId, lines);
      },
    });
    expect(r).toMatchObject({ done: 5, rejected: 1 });
    expect(JSON.parse(kept.get('H1')!)).toEqual([{ sku: 'SKU-0001', quantity: 1, unitPrice: 1001 }]);
    const report = (await readFile(`${file}.rejected.csv`, 'utf8')).trim().split('\n');
    expect(report.slice(1).map((l) => l.split(',')[0])).toEqual(['4']);
    // H2 and H3 did not wait for H1
    expect(log.indexOf('end H2')).toBeLessThan(log.indexOf('end H1'));
    expect(log.indexOf('end H3')).toBeLessThan(log.indexOf('end H1'));
  });
});

describe('when the platform asks to slow down (RATE_LIMITED: its consumers are behind)', () => {
  it('waits as told and sends the row again, however often, without counting it as a failure', async () => {
    const { file } = await csv(Array.from({ length: 10 }, (_, i) => row(i + 1)));
    let busy = 12;
    const seen: string[] = [];
    const r = await importCsv({
      file,
      name: 't6',
      checkpoints: new FileCheckpoints(`${file}.cp`),
      parse: orderFromRow,
      isRejection,
      slowDown,
      attempts: 2,
      rejectedFile: `${file}.rejected.csv`,
      sink: async (o) => {
        if (busy-- > 0) throw new DomainError('RATE_LIMITED', 'behind', { retryAfterMs: 5 });
        seen.push(o.externalId);
      },
    });
    expect(r).toMatchObject({ done: 10, rejected: 0 });
    expect(new Set(seen).size).toBe(10);
  });

  it('stops (resumably) when told to slow down for longer than it allows', async () => {
    const { file } = await csv(Array.from({ length: 5 }, (_, i) => row(i + 1)));
    const checkpoints = new FileCheckpoints(`${file}.cp`);
    await expect(
      importCsv({
        file,
        name: 't7',
        checkpoints,
        parse: orderFromRow,
        isRejection,
        slowDown,
        maxSlowDownMs: 50,
        rejectedFile: `${file}.rejected.csv`,
        sink: async () => Promise.reject(new DomainError('RATE_LIMITED', 'behind', { retryAfterMs: 10 })),
      }),
    ).rejects.toThrow(/behind/);
    expect((await checkpoints.get('t7'))?.done ?? 0).toBe(0);
  });

  it('reads the pause off the error, within bounds', () => {
    expect(slowDown(new DomainError('RATE_LIMITED', 'x', { retryAfterMs: 250 }))).toBe(250);
    expect(slowDown(new DomainError('RATE_LIMITED', 'x'))).toBe(1_000);
    expect(slowDown(new DomainError('RATE_LIMITED', 'x', { retryAfterMs: 10 ** 9 }))).toBe(30_000);
    expect(slowDown(new DomainError('UPSTREAM_UNAVAILABLE', 'x'))).toBeUndefined();
  });
});

describe('progress line (no terminal)', () => {
  it('shows rows, rate, rejected, share and an ETA from the bytes read so far', async () => {
    const { progressLine } = await import('./progress.js');
    const p = { done: 1000, rejected: 2, bytes: 250_000, totalBytes: 1_000_000, rowsPerSecond: 80 };
    expect(progressLine(p, { at: 0, bytes: 0 }, 60_000)).toBe(
      '1000 rows, 80 rows/s, 2 rejected, 25%, ETA 3m00s',
    );
    expect(progressLine(p, { at: 0, bytes: 250_000 }, 60_000)).toMatch(/ETA \?$/);
    expect(progressLine({ ...p, bytes: 10_000 }, { at: 0, bytes: 0 }, 36_000)).toMatch(/ETA 59m24s$/);
  });
});
