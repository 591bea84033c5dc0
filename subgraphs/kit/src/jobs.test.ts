import { describe, expect, it, jest } from '@jest/globals';
import { periodicJob } from './jobs.js';
import { silentLogger } from './logging.js';

const logger = silentLogger();

describe('periodicJob', () => {
  it('is switched off (null) at everyMs 0', () => {
    expect(periodicJob({ name: 'off', everyMs: 0, logger, run: async () => undefined })).toBeNull();
  });

  it('never runs twice at once, survives a failure, and stopping waits for the run in progress', async () => {
    jest.useFakeTimers();
    try {
      let running = 0;
      let most = 0;
      let runs = 0;
      let release: () => void = () => undefined;
      const job = periodicJob({
        name: 'slow',
        everyMs: 10,
        logger,
        run: async () => {
          runs++;
          running++;
          most = Math.max(most, running);
          if (runs === 1) throw new Error('first run fails');
          await new Promise<void>((r) => (release = r));
          running--;
        },
      })!;
      const stop = job();
      await jest.advanceTimersByTimeAsync(10); // run 1 fails
      running = 0;
      await jest.advanceTimersByTimeAsync(50); // run 2 starts and waits; later ticks skip
      expect(runs).toBe(2);
      expect(most).toBe(1);
      let stopped = false;
      const stopping = stop().then(() => (stopped = true));
      await jest.advanceTimersByTimeAsync(0);
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(stopped).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
