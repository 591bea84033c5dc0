import cliProgress from 'cli-progress';
import type { ImportProgress } from './importer.js';

/**
 * A progress bar on stderr (cli-progress: maintained, handles TTY redraws and ETA) showing rows,
 * rate and rejected rows; without a terminal it prints a line every few seconds instead.
 */
export function progressReporter(label: string): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update: (p) => {
        if (Date.now() - last < 5000) return;
        last = Date.now();
        process.stderr.write(
          `${label}: ${p.done} rows, ${p.rowsPerSecond} rows/s, ${p.rejected} rejected, ${Math.round((100 * p.bytes) / Math.max(1, p.totalBytes))}%\n`,
        );
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
