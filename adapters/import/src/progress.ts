import cliProgress from 'cli-progress';
import type { ImportProgress } from './importer.js';

/**
 * A progress bar on stderr (cli-progress: maintained, handles TTY redraws and ETA) showing rows,
 * rate and rejected rows; without a terminal it prints a line every few seconds instead.
 */
export function progressReporter(label: string): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    let last = 0;
    let first: { at: number; bytes: number } | undefined;
    return {
      update: (p) => {
        first ??= { at: Date.now(), bytes: p.bytes };
        if (Date.now() - last < 5000) return;
        last = Date.now();
        process.stderr.write(`${label}: ${progressLine(p, first, Date.now())}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted} | rejected {rejected}`,
      stream: process.stderr,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { rows: 0, rate: 0, rejected: 0 });
  return {
    update: (p) => {
      bar.setTotal(p.totalBytes);
      bar.update(p.bytes, { rows: p.done, rate: p.rowsPerSecond, rejected: p.rejected });
    },
    stop: () => bar.stop(),
  };
}

/** "12000 rows, 85 rows/s, 3 rejected, 12%, ETA 1h02m" — the ETA from the bytes read since `first`. */
export function progressLine(p: ImportProgress, first: { at: number; bytes: number }, now: number): string {
  const percent = Math.round((100 * p.bytes) / Math.max(1, p.totalBytes));
  const read = p.bytes - first.bytes;
  const seconds = read > 0 ? ((now - first.at) / 1000) * ((p.totalBytes - p.bytes) / read) : NaN;
  return `${p.done} rows, ${p.rowsPerSecond} rows/s, ${p.rejected} rejected, ${percent}%, ETA ${duration(seconds)}`;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
