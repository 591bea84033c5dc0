import type { Logger } from './logging.js';
import { jobLastSuccess, jobRuns } from './process-metrics.js';

/** A background job: starting it returns its stop function. */
export type Job = () => () => Promise<void>;

/**
 * A background job of a subgraph (`SubgraphParts.jobs`): runs `run` every `everyMs`, never two runs
 * at once, logs a failure and tries again next time; stopping waits for the run in progress.
 * `everyMs: 0` turns the job off (tests drive it by hand): the result is null, which
 * `createSubgraph` skips.
 */
export function periodicJob(opts: {
  name: string;
  everyMs: number;
  logger: Logger;
  run: () => Promise<unknown>;
}): Job | null {
  if (!(opts.everyMs > 0)) return null;
  return () => {
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      if (running) return;
      running = opts
        .run()
        .then(
          () => {
            jobRuns.inc({ job: opts.name, outcome: 'ok' });
            jobLastSuccess.setToCurrentTime({ job: opts.name });
          },
          (error) => {
            jobRuns.inc({ job: opts.name, outcome: 'failed' });
            opts.logger.error({ err: error, job: opts.name }, `${opts.name} failed; it runs again shortly`);
          },
        )
        .finally(() => (running = undefined));
    }, opts.everyMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await running;
    };
  };
}
